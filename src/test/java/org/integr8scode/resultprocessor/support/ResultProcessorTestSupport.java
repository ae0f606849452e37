package org.integr8scode.resultprocessor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the application as camel-main runs it (application.properties, the YAML routes in routes/, the Java
 * routes and beans) against the shared broker and database, on topics and a database of the test class's own.
 * What a test does on that lane is {@link LaneHelpers}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ResultProcessorTestSupport extends CamelMainTestSupport implements LaneHelpers {

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

    /** The settings a test class runs the application with: its own lane (topics, group and database). */
    protected Properties overrides() {
        Properties properties = lane().properties(TestServices.kafka().bootstrapServers(),
                TestServices.mongo().connectionString());
        properties.setProperty("camel.management.port", String.valueOf(managementPort()));
        properties.setProperty("retry.initial-delay-ms", "50");
        properties.setProperty("camel.main.tracing", System.getProperty("camel.tracing", "false"));
        return properties;
    }

    /** The lane's clients, for the helpers of {@link LaneHelpers}. */
    @Override
    public LaneClients laneClients() {
        return clients;
    }

    /**
     * Records published while the consumer of the three input topics is stopped, so that it gets them in one poll
     * when it starts again: a batch as a backlog makes it.
     */
    protected void publishedAsOneBatch(Runnable publishing) throws Exception {
        context().getRouteController().stopRoute("execution-events");
        try {
            publishing.run();
        } finally {
            context().getRouteController().startRoute("execution-events");
        }
    }
}
