package org.integr8scode.resultprocessor.prometheus;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.integr8scode.resultprocessor.support.EmbeddedKafka;
import org.integr8scode.resultprocessor.support.FreePorts;
import org.integr8scode.resultprocessor.support.InputProducer;
import org.integr8scode.resultprocessor.support.KubernetesApiMock;
import org.integr8scode.resultprocessor.support.MongoStandIn;
import org.integr8scode.resultprocessor.support.Topics;

/**
 * The processor as camel-main starts it, with its default topics and database, on a real Kafka broker (KRaft, in
 * this JVM), the MongoDB stand-in and the Kubernetes API mock (the clean-up on, as in a cluster; the sweep every
 * second), and a {@link WorkFeed} to give it work. Closing it stops all of them.
 */
final class FedProcessor implements AutoCloseable {

    static final String NAMESPACE = "integr8scode";
    /** The mock API logs each request it answers through java.util.logging: held here, so the level set stays. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    private static final List<String> TOPICS = List.of("execution_completed", "execution_failed", "execution_timeout",
            "result_stored", "result_failed", "result_processor_dlq");

    private final EmbeddedKafka kafka;
    private final MongoStandIn mongoServer;
    private final KubernetesApiMock kubernetes;
    private final MongoClient mongo;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Main processor;
    private final WorkFeed feed;
    private final int managementPort = FreePorts.next();

    FedProcessor() throws Exception {
        MOCK_LOG.setLevel(Level.WARNING);
        kafka = new EmbeddedKafka(3);
        mongoServer = new MongoStandIn();
        kubernetes = new KubernetesApiMock();
        mongo = MongoClients.create(mongoServer.connectionString());
        Topics.createAndAwaitLeaders(kafka.bootstrapServers(), TOPICS, 3);
        producer = InputProducer.create(kafka.bootstrapServers());
        feed = new WorkFeed(producer, mongo.getDatabase("integr8scode").getCollection("executions"), kubernetes,
                NAMESPACE);
        processor = new Main();
        processor.addOverrideProperty("kafka.bootstrap-servers", kafka.bootstrapServers());
        processor.addOverrideProperty("mongodb.url", mongoServer.connectionString());
        processor.addOverrideProperty("camel.management.port", String.valueOf(managementPort));
        processor.addOverrideProperty("cleanup.enabled", "true");
        processor.addOverrideProperty("kubernetes.master", kubernetes.url());
        processor.addOverrideProperty("k8s.namespace", NAMESPACE);
        processor.addOverrideProperty("sweep.interval-seconds", "1");
        processor.start();
    }

    /** Where /observe/metrics is served. */
    String managementAddress() {
        return "127.0.0.1:" + managementPort;
    }

    /** Starts the work: a round at once, then one every {@code every}. */
    void feed(Duration every) {
        feed.start(every);
    }

    int roundsFed() {
        return feed.rounds();
    }

    @Override
    public void close() throws Exception {
        // the feed first, then the processor, then what it ran on
        try (kafka; mongoServer; kubernetes; mongo; producer) {
            feed.close();
            processor.stop();
        }
    }
}
