package org.integr8scode.resultprocessor.prometheus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.integr8scode.resultprocessor.support.KubernetesApiMock;
import org.integr8scode.resultprocessor.support.TestEvents;

/**
 * The work a Prometheus is to see, fed round after round for as long as it runs, so that every rate has increases
 * in its window: each round a completed, a failed and a timed-out execution the API knows (in {@link #LANG} and
 * {@link #LANG_VERSION}, its executor pod and ConfigMap there to be cleaned up), a completed execution the API does
 * not know (answered with result_failed) and a poison record (dead-lettered).
 */
final class WorkFeed implements AutoCloseable {

    static final String LANG = "python";
    static final String LANG_VERSION = "3.12";

    private final KafkaProducer<byte[], byte[]> producer;
    private final MongoCollection<Document> executions;
    private final KubernetesApiMock kubernetes;
    private final String namespace;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "work-feed");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger fed = new AtomicInteger();
    private volatile RuntimeException failure;

    WorkFeed(KafkaProducer<byte[], byte[]> producer, MongoCollection<Document> executions, KubernetesApiMock kubernetes,
             String namespace) {
        this.producer = producer;
        this.executions = executions;
        this.kubernetes = kubernetes;
        this.namespace = namespace;
    }

    /** Feeds a round now and then one every {@code every}. */
    void start(Duration every) {
        rounds.scheduleWithFixedDelay(this::round, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The rounds fed so far; a failure to feed is thrown here, not lost on the feed's thread. */
    int rounds() {
        if (failure != null) {
            throw failure;
        }
        return fed.get();
    }

    private void round() {
        try {
            send("execution_completed", TestEvents.completed(known(), 0, "hello\n", ""));
            send("execution_failed", TestEvents.failed(known(), "resource_limit"));
            send("execution_timeout", TestEvents.timeout(known(), 5));
            send("execution_completed", TestEvents.completed(TestEvents.newExecutionId(), 0, "", ""));
            producer.send(new ProducerRecord<>("execution_completed", "poison".getBytes(StandardCharsets.UTF_8),
                    "not json".getBytes(StandardCharsets.UTF_8))).get();
            fed.incrementAndGet();
        } catch (Exception e) {
            failure = new IllegalStateException("the feed could not publish a round", e);
            throw failure;
        }
    }

    /** A queued execution the API holds, with the executor's pod and ConfigMap the clean-up deletes. */
    private String known() {
        String id = TestEvents.newExecutionId();
        executions.insertOne(new Document("execution_id", id).append("status", "queued").append("lang", LANG)
                .append("lang_version", LANG_VERSION).append("created_at", new Date()));
        Map<String, String> labels = Map.of("app", "integr8s", "execution-id", id);
        kubernetes.createPod(namespace, "executor-" + id, labels);
        kubernetes.createConfigMap(namespace, "script-" + id, labels);
        return id;
    }

    private void send(String topic, ObjectNode event) throws Exception {
        producer.send(new ProducerRecord<>(topic, event.get("execution_id").asText().getBytes(StandardCharsets.UTF_8),
                TestEvents.bytes(event))).get();
    }

    @Override
    public void close() throws InterruptedException {
        rounds.shutdownNow();
        rounds.awaitTermination(10, TimeUnit.SECONDS);
    }
}
