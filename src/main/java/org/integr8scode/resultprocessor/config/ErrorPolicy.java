package org.integr8scode.resultprocessor.config;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.integr8scode.resultprocessor.cleanup.KubernetesFailures;
import org.integr8scode.resultprocessor.metrics.ResultMetrics;

/**
 * One error policy for the routes, YAML and Java alike. Each record ends stored and answered (result_stored, or
 * result_failed), or dead-lettered; which one depends on whether retrying can help ({@link FailureKind}).
 * <ul>
 * <li><b>Transient</b>: MongoDB or Kafka unreachable or failing, I/O, a duplicate-key race. Retried in place
 * with exponential back-off for as long as it lasts: never dead-lettered, never committed. The consumer keeps
 * its partitions for up to {@code max.poll.interval.ms}; after that they go to another instance, which polls
 * the records again (harmless: writes are idempotent). The offsets stay put, so no record is ever skipped.</li>
 * <li><b>Poison</b> (a record no retry can make valid) goes to the dead-letter topic at once, alone: the rest of
 * its batch goes on.</li>
 * <li><b>Unexpected</b> (anything else: a bug, a value our code cannot handle, a record Kafka refuses as too large
 * or invalid): a batch is retried a few times, then its records are done with one at a time; a record is retried
 * a few times, then dead-lettered with its error, so one bad record cannot stop its partition for ever.</li>
 * </ul>
 * A document MongoDB refuses for good is answered with result_failed by the store itself, without failing the
 * batch. Offsets are committed once a whole batch is done with, never on a failure. Sub-routes hand their errors
 * up ({@code propagate-errors}), so a retry repeats the whole idempotent step.
 */
public class ErrorPolicy extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        RouteConfigurationDefinition batchErrors = routeConfiguration("batch-errors");
        // stopping: give up a batch that is being retried at once; its offsets are not committed, so it comes back
        batchErrors.errorHandler(defaultErrorHandler().allowRedeliveryWhileStopping(false));
        retryWhileTransient(batchErrors);
        retriedAFewTimes(batchErrors
                .onException(Exception.class)
                    .onWhen(exchange -> FailureKind.of(exchange) != FailureKind.TRANSIENT))
                    .handled(true)
                    .log(LoggingLevel.ERROR, "A batch of ${exchangeProperty.records.size()} records failed, "
                            + "doing its records one at a time: ${exception}")
                    // a batch, not a record: event_processing_errors_total counts what each record ends as
                    .to("micrometer:counter:batches.failed.total")
                    .to("direct:records-one-at-a-time")
                    .bean("kafkaOffsets", "commit")
                .end();

        RouteConfigurationDefinition recordErrors = routeConfiguration("record-errors");
        recordErrors.errorHandler(defaultErrorHandler().allowRedeliveryWhileStopping(false));
        recordErrors
                // the clauses exclude each other: FailureKind judges the whole cause chain (see there why)
                .onException(Exception.class)
                    .onWhen(FailureKind.POISON.predicate())
                    .handled(true)
                    .useOriginalMessage()
                    .log(LoggingLevel.WARN, "Dead-lettering ${header.kafka.TOPIC}/${header.kafka.PARTITION}"
                            + "@${header.kafka.OFFSET}: ${exception.message}")
                    .to("direct:dead-letter")
                    .bean("resultMetrics", "deadLettered(${exchange}, '" + ResultMetrics.POISON_RECORD + "')")
                .end();
        retryWhileTransient(recordErrors);
        retriedAFewTimes(recordErrors
                .onException(Exception.class)
                    .onWhen(FailureKind.UNEXPECTED.predicate()))
                    .handled(true)
                    .useOriginalMessage()
                    .log(LoggingLevel.ERROR, "Dead-lettering ${header.kafka.TOPIC}/${header.kafka.PARTITION}"
                            + "@${header.kafka.OFFSET} after an unexpected error: ${exception}")
                    .to("direct:dead-letter")
                    .bean("resultMetrics", "deadLettered(${exchange}, '" + ResultMetrics.UNEXPECTED + "')")
                .end();

        routeConfiguration("propagate-errors")
                .errorHandler(noErrorHandler());

        // the dead-letter re-drive (routes/dlq-redrive.camel.yaml): Kafka away is waited out, the dead letter's offset
        // uncommitted; a copy that cannot be sent for another reason leaves its dead letter in place, counted, and
        // the run goes on (a dead letter is never dead-lettered again)
        RouteConfigurationDefinition redriveErrors = routeConfiguration("redrive-errors");
        redriveErrors.errorHandler(defaultErrorHandler().allowRedeliveryWhileStopping(false));
        retryWhileTransient(redriveErrors);
        retriedAFewTimes(redriveErrors
                .onException(Exception.class)
                    .onWhen(exchange -> FailureKind.of(exchange) != FailureKind.TRANSIENT))
                    .handled(true)
                    .log(LoggingLevel.ERROR, "Re-drive of dead letter ${header.kafka.PARTITION}@${header.kafka.OFFSET} "
                            + "failed, left in place: ${exception}")
                    .setProperty("redriveOutcome", constant("failed"))
                    .to("direct:dlq-redrive-done")
                .end();

        kubernetesCleanupErrors();
    }

    /**
     * The clean-up and the sweep (routes/cleanup.camel.yaml) never touch a result: their failures are logged,
     * counted and left to the next sweep. A delete that fails for a transient reason (no answer, 5xx, 429, conflict)
     * is tried {@code cleanup.max-attempts} times in all, the delay doubling; the redelivery waits on the clean-up
     * thread, so while the API is down the bounded clean-up queue fills and what overflows is dropped and counted.
     * A stopping application does not wait out back-offs.
     */
    private void kubernetesCleanupErrors() {
        int maxAttempts = Integer.parseInt(getContext().resolvePropertyPlaceholders("{{cleanup.max-attempts}}"));
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("cleanup.max-attempts must be at least 1");
        }
        String failed = "micrometer:counter:cleanup.deletions.total?tags.kind=${exchangeProperty.cleanupKind.tag}"
                + "&tags.outcome=failed&increment=${body.size()}";
        RouteConfigurationDefinition cleanupErrors = routeConfiguration("cleanup-errors");
        cleanupErrors.errorHandler(defaultErrorHandler().allowRedeliveryWhileStopping(false));
        cleanupErrors
                .onException(Exception.class)
                    .onWhen(exchange -> KubernetesFailures.isTransient(exchange.getException()))
                    .maximumRedeliveries(maxAttempts - 1)
                    .redeliveryDelay("{{cleanup.retry-initial-delay-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay("{{cleanup.retry-max-delay-ms}}")
                    .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                    .handled(true)
                    .log(LoggingLevel.WARN, "Clean-up of the ${exchangeProperty.cleanupKind.tag}s of ${body.size()} "
                            + "executions failed " + maxAttempts + " times, left to the sweep: ${exception.message}")
                    .to(failed)
                .end()
                .onException(Exception.class)
                    .onWhen(exchange -> !KubernetesFailures.isTransient(exchange.getException()))
                    .handled(true)
                    .log(LoggingLevel.WARN, "Clean-up of the ${exchangeProperty.cleanupKind.tag}s of ${body.size()} "
                            + "executions failed, left to the sweep: ${exception.message}")
                    .to(failed)
                .end();

        routeConfiguration("sweep-errors")
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "Orphan sweep failed, the next one runs in {{sweep.interval-seconds}} s: "
                            + "${exception.message}")
                    .to("micrometer:counter:cleanup.sweep.runs.total?tags.outcome=failed")
                .end();

        routeConfiguration("orphan-errors")
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "Orphan sweep could not delete ${exchangeProperty.cleanupKind.tag} "
                            + "${body.metadata.name}, the next sweep tries again: ${exception.message}")
                    .to("micrometer:counter:cleanup.deletions.total?tags.kind=${exchangeProperty.cleanupKind.tag}"
                            + "&tags.outcome=failed")
                .end();
    }

    /** An unexpected error: retried a few times, with back-off, before it is given up. */
    private static OnExceptionDefinition retriedAFewTimes(OnExceptionDefinition clause) {
        return clause
                .maximumRedeliveries("{{retry.unexpected-max-redeliveries}}")
                .redeliveryDelay("{{retry.initial-delay-ms}}")
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.WARN);
    }

    private static void retryWhileTransient(RouteConfigurationDefinition configuration) {
        configuration
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
                    // reached only when the retries are given up (the context stopping): the record comes back
                    .to("micrometer:counter:transient.errors.given.up.total")
                .end();
    }
}
