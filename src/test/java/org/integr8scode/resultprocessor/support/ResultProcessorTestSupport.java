package org.integr8scode.resultprocessor.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the application as camel-main runs it (application.properties, the YAML routes in routes/, the Java
 * routes and beans) against the shared broker and database, on topics and a database of the test class's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ResultProcessorTestSupport extends CamelMainTestSupport {

    public static final int PARTITIONS = 3;

    // the Camel test base configures the context from its constructor, before fields are set: hence lane()
    protected final TestLane lane = lane();
    protected final String prefix = lane.name();
    protected final String completedTopic = lane.completedTopic();
    protected final String failedTopic = lane.failedTopic();
    protected final String timeoutTopic = lane.timeoutTopic();
    protected final String storedTopic = lane.storedTopic();
    protected final String resultFailedTopic = lane.resultFailedTopic();
    protected final String deadLetterTopic = lane.deadLetterTopic();

    protected KafkaService kafka;
    protected MongoService mongoService;
    protected LaneClients clients;
    protected MongoClient mongo;
    protected MongoDatabase database;
    protected KafkaProducer<byte[], byte[]> producer;
    protected ResultTopics published;

    @BeforeAll
    void startServices() {
        kafka = TestServices.kafka();
        mongoService = TestServices.mongo();
        clients = LaneClients.open(lane, kafka.bootstrapServers(), mongoService.connectionString(), PARTITIONS);
        mongo = clients.mongo();
        database = clients.database();
        producer = clients.producer();
        published = clients.published();
    }

    @AfterAll
    void stopClients() throws Exception {
        // camel-test keeps a per-class context until the launcher closes: stop it, or every class's consumer
        // would go on polling through the rest of the run
        if (context() != null) {
            context().stop();
        }
        if (clients != null) {
            clients.close();
        }
    }

    /**
     * Stops the orphan sweep's timer: camel-test's per-class context lives on until the test launcher closes (and
     * stopping it costs seconds), while a class with a sweep every second is about to close the API it calls.
     */
    protected void stopOrphanSweep() throws Exception {
        context().getRouteController().stopRoute("orphan-sweep");
    }

    @Override
    public void configureTest(TestExecutionConfiguration testConfiguration) {
        super.configureTest(testConfiguration);
        testConfiguration.withJMX(true);
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        context.withUseOverridePropertiesWithPropertiesComponent(overrides());
    }

    private static final Map<Class<?>, Integer> MANAGEMENT_PORTS = new ConcurrentHashMap<>();

    /** The port of /observe/health and /observe/metrics for this test class. */
    protected int managementPort() {
        return MANAGEMENT_PORTS.computeIfAbsent(getClass(), c -> {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** GET a path of the management server: status code and body. */
    protected HttpResponse<String> observe(String path) {
        try {
            // HTTP/1.1, as Prometheus scrapes: an h2c upgrade of a large answer has failed here with a frame error
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sample of /observe/metrics, as Prometheus would scrape it; 0 when the series is not there yet. */
    protected double metric(String name, String... labels) {
        return observe("/observe/metrics").body().lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private TestLane lane() {
        return TestLane.of(getClass());
    }

    /** The settings a test class runs the application with: its own lane (topics, group and database). */
    protected Properties overrides() {
        Properties properties = lane().properties(TestServices.kafka().bootstrapServers(),
                TestServices.mongo().connectionString());
        properties.setProperty("camel.management.port", String.valueOf(managementPort()));
        properties.setProperty("retry.initial-delay-ms", "50");
        properties.setProperty("camel.main.tracing", System.getProperty("camel.tracing", "false"));
        return properties;
    }

    // --- MongoDB -------------------------------------------------------------------------------------------

    protected MongoCollection<Document> executions() {
        return clients.executions();
    }

    protected MongoCollection<Document> results() {
        return clients.results();
    }

    /** The API's document of a queued execution, as the API would have inserted it. */
    protected void givenExecution(String executionId) {
        givenExecution(executionId, "python", "3.12");
    }

    /** The same, in another language: metrics are labelled with {@code <lang>-<lang_version>}. */
    protected void givenExecution(String executionId, String lang, String langVersion) {
        Date created = Date.from(Instant.now());
        executions().insertOne(new Document("execution_id", executionId).append("status", "queued")
                .append("script", "print('hello')").append("lang", lang).append("lang_version", langVersion)
                .append("user_id", "7d4f2b10-1c3e-4f5a-9b8d-0e6c2a4f1b3d").append("created_at", created)
                .append("updated_at", created));
    }

    protected Document execution(String executionId) {
        return executions().find(Filters.eq("execution_id", executionId)).first();
    }

    protected Document result(String executionId) {
        return results().find(Filters.eq("_id", executionId)).first();
    }

    // --- Kafka ---------------------------------------------------------------------------------------------

    protected RecordMetadata publish(String topic, String key, byte[] value, Map<String, String> headers) {
        return publish(topic, null, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers);
    }

    protected RecordMetadata publish(String topic, Integer partition, byte[] key, byte[] value, Map<String, String> headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, key, value);
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    protected RecordMetadata publish(String topic, JsonNode event) {
        return publish(topic, event.path("execution_id").asText(null), TestEvents.bytes(event), Map.of());
    }

    protected List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count,
                                                                Predicate<ConsumerRecord<byte[], byte[]>> filter) {
        await().atMost(Duration.ofSeconds(30)).until(() -> published.on(topic, filter).size() >= count);
        return published.on(topic, filter);
    }

    protected static Predicate<ConsumerRecord<byte[], byte[]>> keyed(String key) {
        return ResultTopics.keyed(key);
    }

    protected static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        return ResultTopics.json(record);
    }

    protected static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
