package org.integr8scode.resultprocessor.offsets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.integr8scode.resultprocessor.batch.BatchRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a batch's offsets in one call, on the consumer's thread, once every record of the batch is done with.
 * A commit that fails (the group rebalanced, the broker is away) is not an error of the batch: its offsets stay
 * where they were, the records are polled again later, and replaying them is harmless. Retrying the commit
 * instead, without polling, could never succeed once the consumer has lost its partitions.
 */
public class KafkaOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsets.class);

    public void commit(@Variable(BatchRecords.RECORDS) List<?> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        RecordOffset any = null;
        for (Object record : records) {
            if (record instanceof Exchange exchange
                    && exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT) instanceof RecordOffset offset) {
                next.merge(offset.partition(), new OffsetAndMetadata(offset.offset() + 1),
                        (a, b) -> a.offset() >= b.offset() ? a : b);
                any = offset;
            }
        }
        if (any == null) {
            return;
        }
        try {
            any.consumer().commitSync(next, any.commitTimeout());
        } catch (KafkaException e) {
            LOG.warn("Offsets not committed, the records will be polled again (a harmless replay): {}", e.getMessage());
        }
    }
}
