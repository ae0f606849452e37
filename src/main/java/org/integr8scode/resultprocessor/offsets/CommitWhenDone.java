package org.integr8scode.resultprocessor.offsets;

import java.time.Duration;

import org.apache.camel.component.kafka.consumer.CommitManager;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;

/**
 * Hands each record its {@link RecordOffset}, to be committed only once the record is done with (see
 * {@link KafkaOffsets}). Being a factory of our own, it also makes camel-kafka use its no-op commit manager:
 * Camel then never commits on its own, in particular not after a failed batch (which would skip it), so a batch
 * that failed is polled again.
 */
public class CommitWhenDone implements KafkaManualCommitFactory {

    @Override
    public KafkaManualCommit newInstance(CamelExchangePayload exchange, KafkaRecordPayload record,
                                         CommitManager commitManager) {
        return new RecordOffset(exchange.consumer, record.partition, record.recordOffset,
                Duration.ofMillis(record.commitTimeout));
    }
}
