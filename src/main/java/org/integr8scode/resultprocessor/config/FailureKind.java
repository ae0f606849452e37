package org.integr8scode.resultprocessor.config;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import com.mongodb.MongoException;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.integr8scode.resultprocessor.event.PoisonRecordException;
import org.integr8scode.resultprocessor.store.StorageRejection;

/**
 * What a failure of a record means, judged on its whole cause chain. Camel's {@code onException} matching picks the
 * clause whose class is nearest to any exception of the chain, so a wrapper (camel-mongodb wraps every driver error
 * in a {@code RuntimeException}) would win over a deep driver class such as {@code MongoNotPrimaryException}: a
 * replica-set election would then count as unexpected and be dead-lettered. The error policy
 * (routes/error-policy.camel.yaml) therefore asks this one question instead, through the predicates below (beans of
 * {@link ProcessorConfiguration}, named in its {@code onWhen}), and its clauses exclude each other.
 */
public enum FailureKind {
    /** The record itself is invalid: no retry can help. */
    POISON,
    /** A service is away or failing: retried for as long as it lasts. */
    TRANSIENT,
    /** Anything else, a bug or a record the broker refuses: retried a few times, then dead-lettered. */
    UNEXPECTED;

    /** Kafka refusing the record itself (too large, invalid, unserialisable): sending it again cannot help. */
    private static final Set<Class<? extends KafkaException>> PERMANENT_KAFKA_ERRORS = Set.of(
            RecordTooLargeException.class, RecordBatchTooLargeException.class, InvalidRecordException.class,
            InvalidTopicException.class, SerializationException.class);

    public static FailureKind of(Throwable failure) {
        if (anyInChain(failure, PoisonRecordException.class::isInstance)) {
            return POISON;
        }
        // a document MongoDB refuses for good is answered on its own by the store (result_failed); one that gets
        // here is refused as a whole, as is a record Kafka refuses: retrying will not help
        if (StorageRejection.isPermanent(failure)
                || anyInChain(failure, cause -> PERMANENT_KAFKA_ERRORS.stream().anyMatch(type -> type.isInstance(cause)))) {
            return UNEXPECTED;
        }
        if (anyInChain(failure, cause -> cause instanceof MongoException || cause instanceof KafkaException
                || cause instanceof IOException || cause instanceof RejectedExecutionException)) {
            return TRANSIENT;
        }
        return UNEXPECTED;
    }

    /** The failure of the exchange at hand. */
    public static FailureKind of(Exchange exchange) {
        Throwable failure = exchange.getException() != null
                ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return of(failure);
    }

    /**
     * For an {@code onException}'s {@code onWhen} ({@code ref:}): the failure at hand is of this kind. A predicate, not
     * a bean method, as Camel clears the exchange's exception while it calls a bean.
     */
    public Predicate predicate() {
        return exchange -> of(exchange) == this;
    }

    /** The same, for a failure of any other kind. */
    public Predicate otherKinds() {
        return exchange -> of(exchange) != this;
    }

    private static boolean anyInChain(Throwable failure, java.util.function.Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
