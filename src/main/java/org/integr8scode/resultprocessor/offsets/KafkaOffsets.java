package org.integr8scode.resultprocessor.offsets;

import org.apache.camel.Header;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a record's offset, on the consumer's thread, once the record is done with. A commit that fails (the
 * group rebalanced, the broker is away) is not an error of the record: its offset stays where it was, the
 * record is polled again later, and replaying it is harmless. Retrying the commit instead, without polling,
 * could never succeed once the consumer has lost its partitions.
 */
public class KafkaOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsets.class);

    public void commit(@Header(KafkaConstants.MANUAL_COMMIT) KafkaManualCommit commit) {
        if (commit == null) {
            return;
        }
        try {
            commit.commit();
        } catch (KafkaException e) {
            LOG.warn("Offset not committed, the record will be polled again (a harmless replay): {}", e.getMessage());
        }
    }
}
