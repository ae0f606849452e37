package org.integr8scode.resultprocessor.config;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.integr8scode.resultprocessor.store.StorageRejection;

/**
 * One error policy for the record routes, YAML and Java alike. Each record ends stored, answered with
 * result_failed, or dead-lettered; which one depends on whether retrying can help ({@link FailureKind}).
 * <ul>
 * <li><b>Poison</b> (a record no retry can make valid) goes to the dead-letter topic at once.</li>
 * <li><b>A write MongoDB refuses for good</b> (a validator, a bad or oversized value; see {@link StorageRejection})
 * is answered with result_failed.</li>
 * <li><b>Transient</b>: MongoDB or Kafka unreachable or failing, I/O, a duplicate-key race. Retried in place
 * with exponential back-off for as long as it lasts: never dead-lettered, never committed. The consumer keeps
 * its partitions for up to {@code max.poll.interval.ms}; after that they go to another instance, which polls
 * the record again (harmless: writes are idempotent). The offset stays put, so the record is never skipped.</li>
 * <li><b>Unexpected</b> (anything else: a bug, a value our code cannot handle, a record Kafka refuses as too large
 * or invalid): retried a few times, then dead-lettered with its error, so one bad record cannot stop its
 * partition for ever.</li>
 * </ul>
 * The offset is committed on completion only (see {@link org.integr8scode.resultprocessor.offsets.CommitWhenDone}).
 * Sub-routes hand their errors up ({@code propagate-errors}), so a retry repeats the whole idempotent step.
 */
public class ErrorPolicy extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        RouteConfigurationDefinition recordErrors = routeConfiguration("record-errors");
        // stopping: give up a record that is being retried at once; its offset is not committed, so it comes back
        recordErrors.errorHandler(defaultErrorHandler().allowRedeliveryWhileStopping(false));
        // the offset is committed only when the record is done with: its result stored and its result event
        // acknowledged, or it dead-lettered, or answered with result_failed; never on a failure
        recordErrors.onCompletion().onCompleteOnly()
                .bean("kafkaOffsets", "commit");
        recordErrors
                // the clauses exclude each other: FailureKind judges the whole cause chain (see there why)
                .onException(Exception.class)
                    .onWhen(FailureKind.POISON.predicate())
                    .handled(true)
                    .useOriginalMessage()
                    .log(LoggingLevel.WARN, "Dead-lettering ${header.kafka.TOPIC}/${header.kafka.PARTITION}"
                            + "@${header.kafka.OFFSET}: ${exception.message}")
                    .to("direct:dead-letter")
                    .to("micrometer:counter:event.processing.errors.total?tags.error_type=poison_record")
                .end()
                .onException(Exception.class)
                    .onWhen(FailureKind.STORAGE_REJECTED.predicate())
                    .handled(true)
                    .log(LoggingLevel.ERROR, "MongoDB refused the result of ${exchangeProperty.executionId}: "
                            + "${exception.message}")
                    .bean("storageRejection", "resultFailed")
                    .to("direct:publish-result")
                    .to("micrometer:counter:event.processing.errors.total?tags.error_type=storage_rejected")
                .end()
                .onException(Exception.class)
                    .onWhen(FailureKind.TRANSIENT.predicate())
                    .maximumRedeliveries(-1)
                    .redeliveryDelay("{{retry.initial-delay-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay("{{retry.max-delay-ms}}")
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .retriesExhaustedLogLevel(LoggingLevel.WARN)
                    .handled(false)
                    .to("micrometer:counter:event.processing.errors.total?tags.error_type=transient")
                .end()
                .onException(Exception.class)
                    .onWhen(FailureKind.UNEXPECTED.predicate())
                    .maximumRedeliveries("{{retry.unexpected-max-redeliveries}}")
                    .redeliveryDelay("{{retry.initial-delay-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .handled(true)
                    .useOriginalMessage()
                    .log(LoggingLevel.ERROR, "Dead-lettering ${header.kafka.TOPIC}/${header.kafka.PARTITION}"
                            + "@${header.kafka.OFFSET} after an unexpected error: ${exception}")
                    .to("direct:dead-letter")
                    .to("micrometer:counter:event.processing.errors.total?tags.error_type=unexpected")
                .end();

        routeConfiguration("propagate-errors")
                .errorHandler(noErrorHandler());
    }
}
