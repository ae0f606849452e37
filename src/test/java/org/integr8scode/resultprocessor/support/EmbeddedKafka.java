package org.integr8scode.resultprocessor.support;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/** A real Kafka broker (KRaft, one combined node) in this JVM, from Kafka's own test kit. */
public final class EmbeddedKafka implements KafkaService {

    private final KafkaClusterTestKit cluster;

    public EmbeddedKafka(int partitions) {
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("num.partitions", String.valueOf(partitions))
                    .setConfigProp("offsets.topic.replication.factor", String.valueOf(1))
                    .setConfigProp("offsets.topic.num.partitions", String.valueOf(3))
                    .setConfigProp("transaction.state.log.replication.factor", String.valueOf(1))
                    .setConfigProp("transaction.state.log.min.isr", String.valueOf(1))
                    .setConfigProp("group.initial.rebalance.delay.ms", String.valueOf(0))
                    .setConfigProp("auto.create.topics.enable", String.valueOf(true))
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka broker did not start", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
