package org.integr8scode.resultprocessor.support;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

/**
 * What a test does on its lane, the same whether the application runs in the test JVM
 * ({@link ResultProcessorTestSupport}) or as processes of the real jar ({@link ReliabilityTestSupport}): the API's
 * executions given, input events published, and what the application stored, published and committed read back.
 * Each helper is written once here; a base only says which lane and which clients.
 */
public interface LaneHelpers {

    /** The test class's lane: named after the class. */
    default TestLane lane() {
        return TestLane.of(getClass());
    }

    /** Its clients, opened before the first test of the class. */
    LaneClients laneClients();

    // --- MongoDB -------------------------------------------------------------------------------------------

    default MongoCollection<Document> executions() {
        return laneClients().executions();
    }

    default MongoCollection<Document> results() {
        return laneClients().results();
    }

    /** The API's document of a queued execution, as the API would have inserted it. */
    default void givenExecution(String executionId) {
        executions().insertOne(ApiExecutions.queued(executionId));
    }

    /** The same, in another language: metrics are labelled with {@code <lang>-<lang_version>}. */
    default void givenExecution(String executionId, String lang, String langVersion) {
        executions().insertOne(ApiExecutions.queued(executionId, lang, langVersion));
    }

    /** The API's documents of queued executions. */
    default void givenExecutions(List<String> executionIds) {
        ApiExecutions.insertQueued(executions(), executionIds);
    }

    default Document execution(String executionId) {
        return executions().find(Filters.eq("execution_id", executionId)).first();
    }

    default Document result(String executionId) {
        return results().find(Filters.eq("_id", executionId)).first();
    }

    // --- Kafka: publishing ---------------------------------------------------------------------------------

    /** An input event as the executors publish it: keyed by its execution_id. */
    default ProducerRecord<byte[], byte[]> record(String topic, ObjectNode event) {
        return new ProducerRecord<>(topic, event.get("execution_id").asText().getBytes(StandardCharsets.UTF_8),
                TestEvents.bytes(event));
    }

    default RecordMetadata publish(String topic, String key, byte[] value, Map<String, String> headers) {
        return publish(topic, null, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers);
    }

    /** Published with the content-type header the executors send, and these; answers once the broker acknowledged. */
    default RecordMetadata publish(String topic, Integer partition, byte[] key, byte[] value, Map<String, String> headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, key, value);
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        try {
            return laneClients().producer().send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    default RecordMetadata publish(String topic, JsonNode event) {
        return publish(topic, event.path("execution_id").asText(null), TestEvents.bytes(event), Map.of());
    }

    /** Publishes every record and fails unless the broker acknowledged each one. */
    default void publishAll(List<ProducerRecord<byte[], byte[]>> records) {
        List<Future<RecordMetadata>> sent = records.stream().map(laneClients().producer()::send).toList();
        laneClients().producer().flush();
        for (Future<RecordMetadata> acknowledgement : sent) {
            try {
                acknowledgement.get();
            } catch (Exception e) {
                throw new IllegalStateException("an input event was not published", e);
            }
        }
    }

    // --- Kafka: what the application published and committed -----------------------------------------------

    /** Waits until at least {@code count} such records are on the topic; answers them all. */
    default List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count,
                                                              Predicate<ConsumerRecord<byte[], byte[]>> filter) {
        ResultTopics published = laneClients().published();
        await().atMost(Duration.ofSeconds(30)).until(() -> published.on(topic, filter).size() >= count);
        return published.on(topic, filter);
    }

    /** The lane's consumer group's committed offset on the partition; 0 while it has committed none. */
    default long committedOffset(TopicPartition partition) {
        return laneClients().offsets().on(lane().group(), partition);
    }

    /** The lane's consumer group's committed offsets summed over every partition: the input records it is done with. */
    default long committedRecords() {
        return laneClients().offsets().total(lane().group());
    }

    default Predicate<ConsumerRecord<byte[], byte[]>> keyed(String key) {
        return ResultTopics.keyed(key);
    }

    default String key(ConsumerRecord<byte[], byte[]> record) {
        return ResultTopics.key(record);
    }

    default JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        return ResultTopics.json(record);
    }

    default String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return ResultTopics.header(record, name);
    }
}
