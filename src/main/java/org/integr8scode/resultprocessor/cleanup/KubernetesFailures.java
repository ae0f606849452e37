package org.integr8scode.resultprocessor.cleanup;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.apache.camel.Predicate;

/** Which failed Kubernetes API calls are worth trying again. */
public final class KubernetesFailures {

    private static final int CONFLICT = 409;
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVER_ERROR = 500;

    private KubernetesFailures() {
    }

    /**
     * No answer (connection refused, timeout: fabric8 reports no status code), a server error, throttling, or a
     * conflict: the same delete sent again later may well pass. Anything else
     * (forbidden, invalid) would fail the same way again.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException apiFailure) {
                int code = apiFailure.getCode();
                return code <= 0 || code == CONFLICT || code == TOO_MANY_REQUESTS || code >= SERVER_ERROR;
            }
        }
        return false;
    }

    /**
     * For the {@code onWhen} ({@code ref:}) of cleanup-errors (routes/error-policy.camel.yaml): the exchange's failure
     * is worth trying again. A predicate, not a bean method, as Camel clears the exception while it calls a bean.
     */
    public static Predicate transientFailure() {
        return exchange -> isTransient(exchange.getException());
    }

    /** The same, for a failure that would fail the same way again. */
    public static Predicate nonTransientFailure() {
        return exchange -> !isTransient(exchange.getException());
    }
}
