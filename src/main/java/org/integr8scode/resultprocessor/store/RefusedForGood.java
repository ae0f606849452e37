package org.integr8scode.resultprocessor.store;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * Whether a bulk write failed only because MongoDB refused some of its documents for good ({@link StorageRejection}):
 * those are answered on their own, the rest was written. Anything else (a write concern error, a transient write
 * error) fails the batch, to be retried. A predicate of its own, for the routes' {@code doCatch ... onWhen: ref}:
 * a bean method there would not see the exception, which Camel clears while it calls a bean.
 */
public class RefusedForGood implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return StorageRejection.isPermanent(exchange.getException());
    }
}
