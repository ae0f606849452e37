package org.integr8scode.resultprocessor.offsets;

import org.apache.camel.component.kafka.consumer.DefaultKafkaManualSyncCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;

/**
 * Hands each record a synchronous commit of its own offset, to be called only once its result is stored and
 * published (or it is dead-lettered). Being a factory of our own, it also makes camel-kafka use its no-op commit
 * manager: Camel then never commits on its own, in particular not the consumer's position after a failed
 * record (which would skip the failed record and the rest of its poll), so a record that failed is polled again.
 */
public class CommitWhenDone implements KafkaManualCommitFactory {

    @Override
    public KafkaManualCommit newInstance(CamelExchangePayload exchange, KafkaRecordPayload record,
                                         org.apache.camel.component.kafka.consumer.CommitManager commitManager) {
        return new DefaultKafkaManualSyncCommit(exchange, record, commitManager);
    }
}
