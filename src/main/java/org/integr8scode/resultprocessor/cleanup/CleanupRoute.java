package org.integr8scode.resultprocessor.cleanup;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Deletes a finished execution's pod {@code executor-<id>} and ConfigMap {@code script-<id>}, wire-tapped after its
 * result is stored (contract §3). It runs on the clean-up's own thread pool ({@link CleanupExecutor}), so it never
 * delays or fails the storing. Each delete is guarded ({@link GuardedDelete}); one that fails for a transient reason
 * is tried again with exponential back-off, a bounded number of times, then counted as failed and left to the sweep.
 */
public class CleanupRoute extends RouteBuilder {

    /** The exchange property naming the {@link ResourceKind} at hand; the metrics' {@code kind} tag. */
    public static final String KIND = "cleanupKind";

    static final String DELETIONS = "micrometer:counter:cleanup.deletions.total?tags.kind=${exchangeProperty."
            + KIND + ".tag}&tags.outcome=";

    @Override
    public void configure() {
        int maxAttempts = Integer.parseInt(getContext().resolvePropertyPlaceholders("{{cleanup.max-attempts}}"));
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("cleanup.max-attempts must be at least 1");
        }

        from("direct:clean-up-execution")
                .routeId("clean-up-execution")
                .description("Deletes a stored execution's pod and ConfigMap, when they are ours")
                .filter(method("cleanupSwitch", "isEnabled"))
                .choice()
                    .when(method(KubernetesNames.class, "isValidFor(${exchangeProperty.executionId})"))
                        // each kind on an exchange of its own: a delete that failed for good (handled, so its
                        // exchange stops there) does not keep the other from being tried
                        .split(method(ResourceKind.class, "values"))
                            .setProperty(KIND, body())
                            .to("direct:delete-execution-resource")
                        .end()
                    .endChoice()
                    .otherwise()
                        // never used for a name, nor transformed into one
                        .log(LoggingLevel.WARN, "execution_id '${exchangeProperty.executionId}' makes no valid "
                                + "Kubernetes name: nothing deleted for it")
                        .setProperty(KIND, constant(ResourceKind.POD))
                        .to(DELETIONS + DeletionOutcome.REFUSED.getTag())
                        .setProperty(KIND, constant(ResourceKind.CONFIG_MAP))
                        .to(DELETIONS + DeletionOutcome.REFUSED.getTag())
                .end();

        from("direct:delete-execution-resource")
                .routeId("delete-execution-resource")
                .description("Deletes one pod or ConfigMap of an execution, guarded, with retries")
                // a stopping application does not wait out back-offs: what is not deleted is left to the sweep
                .errorHandler(defaultErrorHandler().allowRedeliveryWhileStopping(false))
                // the redelivery waits on the clean-up thread, not on a scheduler with a queue of its own: while
                // the API is down the bounded clean-up queue fills, and what overflows is dropped and counted
                .onException(Exception.class)
                    .onWhen(exchange -> KubernetesFailures.isTransient(exchange.getException()))
                    .maximumRedeliveries(maxAttempts - 1)
                    .redeliveryDelay("{{cleanup.retry-initial-delay-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay("{{cleanup.retry-max-delay-ms}}")
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                    .handled(true)
                    .log(LoggingLevel.WARN, "Clean-up of the ${exchangeProperty." + KIND + ".tag} of execution "
                            + "${exchangeProperty.executionId} failed " + maxAttempts + " times, left to the sweep: "
                            + "${exception.message}")
                    .to(DELETIONS + DeletionOutcome.FAILED.getTag())
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "Clean-up of the ${exchangeProperty." + KIND + ".tag} of execution "
                            + "${exchangeProperty.executionId} failed: ${exception.message}")
                    .to(DELETIONS + DeletionOutcome.FAILED.getTag())
                .end()
                .bean("guardedDelete", "ofExecution(${exchangeProperty." + KIND + "}, ${exchangeProperty.executionId})")
                .to(DELETIONS + "${body.tag}");
    }
}
