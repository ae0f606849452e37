package org.integr8scode.resultprocessor.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.integr8scode.resultprocessor.publish.DeadLetterHeaders;

/**
 * Dead letters as the processor writes them (publish.DeadLetterHeaders): the input record's key and value unchanged,
 * the dlq.* headers saying where it came from and why it was refused; for the re-drive's tests, which start from a
 * dead-letter topic that already holds some.
 */
public final class DeadLetters {

    /** What the processor said when it refused them: the re-drive's tests refused them "before the fix". */
    public static final String ERROR_MESSAGE = "refused before the fix";

    private DeadLetters() {
    }

    /** The dead letter of the record at that offset of partition 0 of the original topic. */
    public static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, String originalTopic, long originalOffset,
                                                    byte[] key, byte[] value, String errorClass, Instant failedAt) {
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(deadLetterTopic, key, value);
        header(deadLetter, DeadLetterHeaders.ORIGINAL_TOPIC, originalTopic);
        header(deadLetter, DeadLetterHeaders.ORIGINAL_PARTITION, "0");
        header(deadLetter, DeadLetterHeaders.ORIGINAL_OFFSET, String.valueOf(originalOffset));
        header(deadLetter, DeadLetterHeaders.ERROR_CLASS, errorClass);
        header(deadLetter, DeadLetterHeaders.ERROR_MESSAGE, ERROR_MESSAGE);
        header(deadLetter, DeadLetterHeaders.FAILED_AT, failedAt.toString());
        return deadLetter;
    }

    /** Adds a header, as text. */
    public static ProducerRecord<byte[], byte[]> header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
