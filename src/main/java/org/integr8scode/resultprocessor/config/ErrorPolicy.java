package org.integr8scode.resultprocessor.config;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.integr8scode.resultprocessor.event.PoisonRecordException;
import org.integr8scode.resultprocessor.store.StorageRejection;

/**
 * One error policy for the record routes, YAML and Java alike.
 * <ul>
 * <li>Poison (a record no retry can make valid) goes to the dead-letter topic, key and value unchanged, with the
 * contract's {@code dlq.*} headers; the consumer goes on.</li>
 * <li>A write MongoDB refuses for good (not a duplicate-key race) is answered with result_failed.</li>
 * <li>Anything else is transient: retried in place with exponential back-off, then left unhandled, so the
 * consumer seeks back to the record and polls it again. Nothing is skipped, nothing committed early.</li>
 * </ul>
 * Offsets are committed on completion only (see {@link org.integr8scode.resultprocessor.offsets.CommitWhenDone}).
 * Sub-routes hand their errors up ({@code propagate-errors}), so a retry repeats the whole idempotent step.
 */
public class ErrorPolicy extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        RouteConfigurationDefinition recordErrors = routeConfiguration("record-errors");
        // the offset is committed only when the record is done with: its result stored and its result event
        // acknowledged, or it dead-lettered, or answered with result_failed; never on a failure
        recordErrors.onCompletion().onCompleteOnly()
                .bean("kafkaOffsets", "commit");
        recordErrors
                .onException(PoisonRecordException.class)
                    .handled(true)
                    .useOriginalMessage()
                    .log(LoggingLevel.WARN, "Dead-lettering ${header.kafka.TOPIC}/${header.kafka.PARTITION}"
                            + "@${header.kafka.OFFSET}: ${exception.message}")
                    .bean("deadLetterHeaders", "addTo")
                    .to("kafka:{{topic.dead-letter}}?brokers={{kafka.bootstrap-servers}}&requestRequiredAcks=all"
                            + "&keySerializer=org.apache.kafka.common.serialization.ByteArraySerializer"
                            + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer"
                            + "&headerFilterStrategy=#contractHeaderFilter")
                    .to("micrometer:counter:records.dead_lettered.total")
                    .to("micrometer:counter:event.processing.errors.total?tags.error_type=poison_record")
                .end()
                .onException(Exception.class)
                    .onWhen(method(StorageRejection.class, "isPermanent"))
                    .handled(true)
                    .log(LoggingLevel.ERROR, "MongoDB refused the result of ${exchangeProperty.executionId}: "
                            + "${exception.message}")
                    .bean("storageRejection", "resultFailed")
                    .to("direct:publish-result")
                    .to("micrometer:counter:event.processing.errors.total?tags.error_type=storage_rejected")
                .end()
                .onException(Exception.class)
                    .maximumRedeliveries("{{retry.max-redeliveries}}")
                    .redeliveryDelay("{{retry.initial-delay-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay("{{retry.max-delay-ms}}")
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .handled(false)
                    .to("micrometer:counter:event.processing.errors.total?tags.error_type=transient")
                .end();

        routeConfiguration("propagate-errors")
                .errorHandler(noErrorHandler());
    }
}
