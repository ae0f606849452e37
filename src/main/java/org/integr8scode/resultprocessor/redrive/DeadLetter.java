package org.integr8scode.resultprocessor.redrive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.integr8scode.resultprocessor.publish.DeadLetterHeaders;

/**
 * What a re-drive reads of a dead letter: its contract headers ({@code dlq.*}, UTF-8 strings on the wire, bytes as
 * camel-kafka hands them over) and the re-drives it has had.
 *
 * @param originalTopic the topic it came from, or null
 * @param errorClass    why it was dead-lettered ({@code dlq.error.class}), {@code unknown} when absent
 * @param redriveCount  how often it has been re-driven: 0 when never; a count that cannot be read counts as
 *                      {@link Integer#MAX_VALUE}, over any cap, so that an unreadable count can never loop
 * @param failedAt      when it was dead-lettered ({@code dlq.failed.at}), else the dead letter's Kafka timestamp
 */
public record DeadLetter(String originalTopic, String errorClass, int redriveCount, Instant failedAt) {

    public static final String UNKNOWN_ERROR = "unknown";

    public static DeadLetter of(Message message) {
        String errorClass = text(message.getHeader(DeadLetterHeaders.ERROR_CLASS));
        return new DeadLetter(text(message.getHeader(DeadLetterHeaders.ORIGINAL_TOPIC)),
                errorClass == null || errorClass.isBlank() ? UNKNOWN_ERROR : errorClass,
                redriveCount(text(message.getHeader(DeadLetterHeaders.REDRIVE_COUNT))),
                failedAt(text(message.getHeader(DeadLetterHeaders.FAILED_AT)),
                        message.getHeader(KafkaConstants.TIMESTAMP, Long.class)));
    }

    private static int redriveCount(String count) {
        if (count == null || count.isBlank()) {
            return 0;
        }
        try {
            int value = Integer.parseInt(count.trim());
            return value < 0 ? Integer.MAX_VALUE : value;
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static Instant failedAt(String failedAt, Long kafkaTimestamp) {
        if (failedAt != null) {
            try {
                return Instant.parse(failedAt.trim());
            } catch (DateTimeParseException e) {
                // the record's own timestamp is when it was written to the dead-letter topic
            }
        }
        return kafkaTimestamp == null ? Instant.EPOCH : Instant.ofEpochMilli(kafkaTimestamp);
    }

    /** A header as text: camel-kafka hands headers over as the record's bytes, which the contract says are UTF-8. */
    static String text(Object header) {
        if (header == null) {
            return null;
        }
        return header instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : header.toString();
    }
}
