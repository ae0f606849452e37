package org.integr8scode.resultprocessor.offsets;

import org.apache.camel.Header;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/** Commits a record's offset, on the consumer's thread, once the record is done with. */
public class KafkaOffsets {

    public void commit(@Header(KafkaConstants.MANUAL_COMMIT) KafkaManualCommit commit) {
        if (commit != null) {
            commit.commit();
        }
    }
}
