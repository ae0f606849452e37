package org.integr8scode.resultprocessor.publish;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Adds the contract's {@code dlq.*} headers to a record on its way to the dead-letter topic; its key and
 * value stay the input's, unchanged. A record the re-drive sent back ({@code dlq.redrive.count}) keeps its count, so
 * that one which fails again returns with it and the re-drive's cap can stop it.
 */
public class DeadLetterHeaders {

    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";
    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String FAILED_AT = "dlq.failed.at";
    /** How often the record was re-driven (redrive.DeadLetterRedrive), absent when never. */
    public static final String REDRIVE_COUNT = "dlq.redrive.count";

    private final Clock clock;

    public DeadLetterHeaders(Clock clock) {
        this.clock = clock;
    }

    public void addTo(Exchange exchange) {
        Message message = exchange.getMessage();
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        message.setHeader(ORIGINAL_TOPIC, message.getHeader(KafkaConstants.TOPIC, String.class));
        message.setHeader(ORIGINAL_PARTITION, message.getHeader(KafkaConstants.PARTITION, String.class));
        message.setHeader(ORIGINAL_OFFSET, message.getHeader(KafkaConstants.OFFSET, String.class));
        message.setHeader(ERROR_CLASS, error != null ? error.getClass().getName() : "unknown");
        message.setHeader(ERROR_MESSAGE, error != null && error.getMessage() != null ? error.getMessage() : "");
        message.setHeader(FAILED_AT, ResultEvents.TIMESTAMP.format(clock.instant()));
        // a re-driven record's count goes through with the input's other headers; here it is made text (camel-kafka
        // hands it over as the header's bytes), the form the re-drive writes
        Object redriveCount = message.getHeader(REDRIVE_COUNT);
        if (redriveCount instanceof byte[] bytes) {
            message.setHeader(REDRIVE_COUNT, new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
