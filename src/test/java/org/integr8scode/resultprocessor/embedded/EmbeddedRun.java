package org.integr8scode.resultprocessor.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.integr8scode.resultprocessor.support.ApiExecutions;
import org.integr8scode.resultprocessor.support.EmbeddedKafka;
import org.integr8scode.resultprocessor.support.InputProducer;
import org.integr8scode.resultprocessor.support.MongoStandIn;
import org.integr8scode.resultprocessor.support.ResultTopics;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.integr8scode.resultprocessor.support.Topics;

/**
 * The processor on embedded defaults: a real Kafka broker (KRaft) and the MongoDB stand-in on localhost, the
 * processor started against them as camel-main starts it, the contract's example events published with a few
 * more (a duplicate, a losing second terminal event, an unknown execution, a poison record), and what landed
 * printed. Run it with {@code mvn -B -q test-compile exec:java@embedded}.
 */
public final class EmbeddedRun {

    private static final String UNKNOWN_EXECUTION = "0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b";

    private EmbeddedRun() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(3); MongoStandIn mongoServer = new MongoStandIn();
             MongoClient mongo = MongoClients.create(mongoServer.connectionString())) {
            System.out.println("Kafka (KRaft) on " + kafka.bootstrapServers() + ", MongoDB stand-in on "
                    + mongoServer.connectionString());
            MongoDatabase database = mongo.getDatabase("integr8scode");

            Map<String, ObjectNode> examples = new LinkedHashMap<>();
            for (String name : List.of("execution_completed", "execution_completed_script_error", "execution_failed",
                    "execution_timeout")) {
                examples.put(name, TestEvents.example(name));
            }
            examples.values().forEach(event -> insertQueuedExecution(database, event.get("execution_id").asText()));

            Topics.createAndAwaitLeaders(kafka.bootstrapServers(), List.of("execution_completed", "execution_failed",
                    "execution_timeout", "result_stored", "result_failed", "result_processor_dlq"), 3);

            Main processor = new Main();
            processor.addOverrideProperty("kafka.bootstrap-servers", kafka.bootstrapServers());
            processor.addOverrideProperty("mongodb.url", mongoServer.connectionString());
            processor.addOverrideProperty("camel.management.port", System.getProperty("http.port", "8080"));
            processor.start();

            try (KafkaProducer<byte[], byte[]> producer = InputProducer.create(kafka.bootstrapServers());
                 ResultTopics published = new ResultTopics(kafka.bootstrapServers(),
                         List.of("result_stored", "result_failed", "result_processor_dlq"), 3)) {
                List<String> sent = new ArrayList<>();
                examples.forEach((name, event) -> send(producer, sent, event.get("event_type").asText(), name, event));
                ObjectNode completed = examples.get("execution_completed");
                String completedId = completed.get("execution_id").asText();
                // the repeats come once the first result is stored: across topics, Kafka keeps no order
                awaitCount(published, "result_stored", ResultTopics.keyed(completedId), 1);
                send(producer, sent, "execution_completed", "the same completed event again", completed);
                send(producer, sent, "execution_timeout", "a timeout after it completed (loses)",
                        TestEvents.timeout(completedId, 5));
                send(producer, sent, "execution_completed", "an execution the API does not know",
                        TestEvents.completed(UNKNOWN_EXECUTION, 0, "hello\n", "").put("event_id", UUID.randomUUID().toString()));
                producer.send(new ProducerRecord<>("execution_completed", "poison".getBytes(StandardCharsets.UTF_8),
                        "{\"event_type\": \"execution_completed\", \"execution_id\": \"../etc/passwd\"}"
                                .getBytes(StandardCharsets.UTF_8))).get();
                sent.add(String.format("  %-18s %s", "execution_completed", "a poison record (execution_id ../etc/passwd)"));
                System.out.println("\nPublished:\n" + String.join("\n", sent));

                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                while ((published.on("result_stored").size() < 6 || published.on("result_failed").isEmpty()
                        || published.on("result_processor_dlq").isEmpty()) && Instant.now().isBefore(deadline)) {
                    Thread.sleep(200);
                }
                printWhatLanded(database, published, examples, completedId);
            } finally {
                processor.stop();
            }
        }
        System.exit(0);
    }

    private static void awaitCount(ResultTopics published, String topic,
                                   java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> filter, int count)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (published.on(topic, filter).size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, List<String> sent, String topic, String what,
                             ObjectNode event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.get("execution_id").asText().getBytes(StandardCharsets.UTF_8),
                    TestEvents.bytes(event))).get();
            sent.add(String.format("  %-18s %s", topic, what));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void insertQueuedExecution(MongoDatabase database, String executionId) {
        database.getCollection("executions").insertOne(ApiExecutions.queued(executionId));
    }

    private static void printWhatLanded(MongoDatabase database, ResultTopics published, Map<String, ObjectNode> examples,
                                        String completedId) {
        List<String> ids = new ArrayList<>();
        examples.values().forEach(e -> ids.add(e.get("execution_id").asText()));
        ids.add(UNKNOWN_EXECUTION);
        System.out.println("\nWhat landed, per execution:");
        System.out.printf("  %-36s  %-10s %-9s %-10s %-14s %-7s %s%n", "execution_id", "result", "exit_code", "executions",
                "stdout there", "events", "result events");
        for (String id : ids) {
            Document result = database.getCollection("execution_results").find(Filters.eq("_id", id)).first();
            Document execution = database.getCollection("executions").find(Filters.eq("execution_id", id)).first();
            List<String> events = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : published.on("result_stored", ResultTopics.keyed(id))) {
                JsonNode event = ResultTopics.json(record);
                events.add("result_stored(" + event.get("status").asText() + ", size_bytes=" + event.get("size_bytes")
                        + ", event_id=" + event.get("event_id").asText().substring(0, 8) + ")");
            }
            for (ConsumerRecord<byte[], byte[]> record : published.on("result_failed", ResultTopics.keyed(id))) {
                events.add("result_failed(" + ResultTopics.json(record).get("reason").asText() + ")");
            }
            long stored = database.getCollection("events").countDocuments(Filters.eq("execution_id", id));
            String stdout = execution == null || execution.getString("stdout") == null ? "-"
                    : execution.getString("stdout").strip();
            System.out.printf("  %-36s  %-10s %-9s %-10s %-14s %-7s %s%n", id, result == null ? "-" : result.getString("status"),
                    result == null ? "-" : result.get("exit_code"), execution == null ? "(none)" : execution.getString("status"),
                    stdout.length() > 14 ? stdout.substring(0, 11) + "..." : stdout, stored, String.join(", ", events));
        }
        System.out.println("  (" + completedId.substring(0, 8) + "... was delivered twice, then timed out too:"
                + " the first result stands, and each result_stored carries the same event_id)");
        System.out.println("\nDead-lettered:");
        for (ConsumerRecord<byte[], byte[]> record : published.on("result_processor_dlq")) {
            System.out.println("  key=" + ResultTopics.key(record) + " value="
                    + new String(record.value(), StandardCharsets.UTF_8));
            for (Header header : record.headers()) {
                if (header.key().startsWith("dlq.")) {
                    System.out.println("    " + header.key() + ": " + new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        System.out.println();
    }
}
