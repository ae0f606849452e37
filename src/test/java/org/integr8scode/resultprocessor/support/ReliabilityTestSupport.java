package org.integr8scode.resultprocessor.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * For the reliability tests: the processor runs as its own OS process (the real jar) against a Kafka broker
 * process (so that a test can kill and restart it on the same port) and MongoDB (a container where Docker
 * answers, else the stand-in), both of which outlive it; each test class has its own topics (three
 * partitions each), consumer group and database. What a test does on that lane is {@link LaneHelpers}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReliabilityTestSupport implements LaneHelpers {

    public static final int PARTITIONS = 3;

    private static KafkaProcess kafka;

    protected final TestLane lane = TestLane.of(getClass());
    protected final String prefix = lane.name();
    protected final String completedTopic = lane.completedTopic();
    protected final String failedTopic = lane.failedTopic();
    protected final String timeoutTopic = lane.timeoutTopic();
    protected final String storedTopic = lane.storedTopic();
    protected final String resultFailedTopic = lane.resultFailedTopic();
    protected final String deadLetterTopic = lane.deadLetterTopic();

    protected LaneClients clients;
    protected MongoClient mongo;
    protected MongoDatabase database;
    protected KafkaProducer<byte[], byte[]> producer;
    protected ResultTopics published;
    protected final List<ProcessorProcess> processors = new ArrayList<>();

    protected static synchronized KafkaProcess kafka() {
        if (kafka == null) {
            kafka = new KafkaProcess(PARTITIONS);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        }
        return kafka;
    }

    /** Testcontainers' MongoDB where Docker answers, else the stand-in; either outlives the processors. */
    protected static MongoService mongoServer() {
        return TestServices.mongo();
    }

    @BeforeAll
    void startServices() throws Exception {
        clients = LaneClients.open(lane, kafka().bootstrapServers(), mongoServer().connectionString(), PARTITIONS);
        mongo = clients.mongo();
        database = clients.database();
        producer = clients.producer();
        published = clients.published();
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (ProcessorProcess processor : processors) {
            processor.close();
        }
        clients.close();
    }

    /** The environment of a processor instance: this class's lane (topics, group and database). */
    protected Map<String, String> processorEnvironment(String mongoUrl) {
        return lane.environment(kafka().bootstrapServers(), mongoUrl);
    }

    protected ProcessorProcess startProcessor(String name) {
        return startProcessor(name, processorEnvironment(mongoServer().connectionString()));
    }

    protected ProcessorProcess startProcessor(String name, Map<String, String> environment) {
        ProcessorProcess processor = new ProcessorProcess(prefix + "-" + name, environment).start();
        processors.add(processor);
        return processor;
    }

    /** The lane's clients, for the helpers of {@link LaneHelpers}. */
    @Override
    public LaneClients laneClients() {
        return clients;
    }

    protected static List<String> newExecutionIds(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(TestEvents.newExecutionId());
        }
        return ids;
    }

    /** The terminal event for an execution, by its position: completed, failed and timeout in turn. */
    protected ProducerRecord<byte[], byte[]> terminalEvent(String id, int index) {
        return switch (index % 3) {
            case 0 -> record(completedTopic, TestEvents.completed(id, index % 7, "out " + index, ""));
            case 1 -> record(failedTopic, TestEvents.failed(id, "system_error"));
            default -> record(timeoutTopic, TestEvents.timeout(id, 5));
        };
    }

    /** That many queued executions, each with its terminal event published (the three types in turn). */
    protected List<String> givenPublishedTerminalEvents(int executions) {
        List<String> ids = newExecutionIds(executions);
        givenExecutions(ids);
        List<ProducerRecord<byte[], byte[]>> events = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            events.add(terminalEvent(ids.get(i), i));
        }
        publishAll(events);
        return ids;
    }

    protected long storedCount() {
        return results().countDocuments();
    }

    protected void awaitStored(long count, Duration within) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> storedCount() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(storedCount() + " of " + count + " results stored within " + within
                    + "; the processors' warnings:\n" + processorWarnings(), e);
        }
    }

    /**
     * The distinct warnings and errors in the processors' logs, then the stacks of their Kafka threads, so that a
     * failure on a machine far away says why.
     */
    protected String processorWarnings() {
        StringBuilder warnings = new StringBuilder();
        for (ProcessorProcess processor : processors) {
            try (var lines = Files.lines(processor.log())) {
                Map<String, Long> distinct = lines.filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                        .filter(l -> !l.contains("could not be established"))
                        .map(l -> l.length() > 60 ? l.substring(25, Math.min(l.length(), 260)) : l)
                        .map(l -> l.replaceAll("\\d+", "#"))
                        .collect(Collectors.groupingBy(l -> l, LinkedHashMap::new, Collectors.counting()));
                distinct.forEach((line, times) -> warnings.append(processor.log().getFileName()).append(" ")
                        .append(times).append("x ").append(line).append('\n'));
            } catch (IOException e) {
                warnings.append(processor.log()).append(": ").append(e.getMessage()).append('\n');
            }
        }
        processors.forEach(processor -> warnings.append(processor.kafkaThreadStacks()));
        return warnings.toString();
    }

    /**
     * Nothing lost, nothing doubled: every execution has exactly one result, a terminal status that agrees with
     * it, and result_stored events that all describe it with one event id; nothing is in the dead-letter topic.
     */
    protected Tally assertEveryExecutionStoredOnceAndAgreeing(List<String> ids, Duration within) {
        awaitStored(ids.size(), within);
        await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() ->
                published.on(storedTopic).stream().map(ResultTopics::key).collect(Collectors.toSet())
                        .containsAll(ids));
        assertThat(results().countDocuments()).isEqualTo(ids.size());

        Map<String, String> resultStatus = new HashMap<>();
        results().find().projection(new Document("status", 1)).forEach(d -> resultStatus.put(d.getString("_id"), d.getString("status")));
        Map<String, String> executionStatus = new HashMap<>();
        executions().find().projection(new Document("execution_id", 1).append("status", 1))
                .forEach(d -> executionStatus.put(d.getString("execution_id"), d.getString("status")));
        List<ConsumerRecord<byte[], byte[]>> resultEvents = published.on(storedTopic);
        Map<String, Set<String>> eventStatuses = ResultTopics.distinctByKey(resultEvents, "status");
        Map<String, Set<String>> eventIds = ResultTopics.distinctByKey(resultEvents, "event_id");
        for (String id : ids) {
            assertThat(resultStatus.get(id)).as("result of " + id).isNotNull();
            assertThat(executionStatus.get(id)).as("executions status of " + id).isEqualTo(resultStatus.get(id));
            assertThat(eventStatuses.get(id)).as("result_stored statuses of " + id).containsExactly(resultStatus.get(id));
            assertThat(eventIds.get(id)).as("result_stored event ids of " + id).hasSize(1);
        }
        long distinctEventIds = eventIds.values().stream().flatMap(Set::stream).distinct().count();
        assertThat(distinctEventIds).as("distinct result event ids").isEqualTo(ids.size());
        assertThat(published.on(deadLetterTopic)).as("dead letters").isEmpty();
        return Tally.read(ids, resultStatus.keySet(), published.on(storedTopic), published.on(deadLetterTopic));
    }

    /**
     * What the test read once every execution was answered, for its printed summary: results stored (and executions
     * without one: lost), result_stored events and their distinct event ids, executions whose result_stored events
     * carry more than one event id (duplicates: the same result announced as two events), and dead letters.
     */
    public record Tally(int executions, long results, long lost, int resultEvents, long distinctEventIds,
                        long duplicates, int deadLetters) {

        static Tally read(List<String> ids, Set<String> stored, List<ConsumerRecord<byte[], byte[]>> resultEvents,
                          List<ConsumerRecord<byte[], byte[]>> deadLetters) {
            Map<String, Set<String>> eventIds = ResultTopics.distinctByKey(resultEvents, "event_id");
            return new Tally(ids.size(), stored.size(), ids.stream().filter(id -> !stored.contains(id)).count(),
                    resultEvents.size(), eventIds.values().stream().flatMap(Set::stream).distinct().count(),
                    eventIds.values().stream().filter(idsOfOne -> idsOfOne.size() > 1).count(), deadLetters.size());
        }

        /**
         * result_stored events beyond one an execution: the same event again (a record replayed after a crash, or a
         * later terminal event of the execution, answered with the result that won).
         */
        public long replays() {
            return resultEvents - distinctEventIds;
        }

        @Override
        public String toString() {
            return String.format("%d results for %d executions (%d lost), %d result_stored events with %d distinct event "
                    + "ids (%d replays, %d duplicates), %d dead letters", results, executions, lost, resultEvents,
                    distinctEventIds, replays(), duplicates, deadLetters);
        }
    }
}
