package org.integr8scode.resultprocessor.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads everything published on the given topics from their beginning, in the background, for assertions. */
public final class ResultTopics implements AutoCloseable {

    private final List<ConsumerRecord<byte[], byte[]>> records = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread poller;
    private volatile boolean running = true;

    public ResultTopics(String bootstrapServers, List<String> topics, int partitions) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> assignment = new ArrayList<>();
        for (String topic : topics) {
            for (int partition = 0; partition < partitions; partition++) {
                assignment.add(new TopicPartition(topic, partition));
            }
        }
        consumer.assign(assignment);
        consumer.seekToBeginning(assignment);
        poller = new Thread(this::poll, "result-topics-reader");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public List<ConsumerRecord<byte[], byte[]>> on(String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).collect(Collectors.toList());
    }

    public List<ConsumerRecord<byte[], byte[]>> on(String topic, Predicate<ConsumerRecord<byte[], byte[]>> filter) {
        return on(topic).stream().filter(filter).collect(Collectors.toList());
    }

    /** Records whose key is this execution_id. */
    public static Predicate<ConsumerRecord<byte[], byte[]>> keyed(String key) {
        return r -> key.equals(key(r));
    }

    /** A record's key as text, or null. */
    public static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    /**
     * For each key (an execution), the distinct values of a field of its records' JSON: e.g. the event ids of each
     * execution's result_stored events, one where nothing is doubled.
     */
    public static Map<String, Set<String>> distinctByKey(List<ConsumerRecord<byte[], byte[]>> records, String field) {
        Map<String, Set<String>> values = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            values.computeIfAbsent(key(record), k -> new HashSet<>()).add(json(record).get(field).asText());
        }
        return values;
    }

    /** A header's value as text, the last of that name; null when the record has none. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record's value as JSON. */
    public static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return TestEvents.JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
