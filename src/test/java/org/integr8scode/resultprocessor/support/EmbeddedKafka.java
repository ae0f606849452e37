package org.integr8scode.resultprocessor.support;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/** A real Kafka broker (KRaft, one combined node) in this JVM, from Kafka's own test kit. */
public final class EmbeddedKafka implements KafkaService {

    private final KafkaClusterTestKit cluster;

    public EmbeddedKafka(int partitions) {
        // at the JVM's exit the test kit's own hook deletes the broker's directory while the hook that closes the
        // broker runs: a broker that sees its log directory go halts the JVM with status 1, which fails a test run
        // whose tests all passed. Only then is the halt left out; at any other time it halts as it would
        Exit.setHaltProcedure((status, message) -> {
            if (!jvmShuttingDown()) {
                Runtime.getRuntime().halt(status);
            }
        });
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

    /** Whether the JVM is running its shutdown hooks (no hook can be added then). */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
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
