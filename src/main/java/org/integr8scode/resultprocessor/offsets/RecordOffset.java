package org.integr8scode.resultprocessor.offsets;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A record's place in its partition, and the consumer that read it: what committing it needs. */
public record RecordOffset(Consumer<?, ?> consumer, TopicPartition partition, long offset, Duration commitTimeout)
        implements KafkaManualCommit {

    /**
     * Commits this record alone: the dead-letter re-drive commits each dead letter so (DeadLetterRedrive.done); a
     * batch commits all its records at once ({@link KafkaOffsets}).
     */
    @Override
    public void commit() {
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset + 1)), commitTimeout);
    }
}
