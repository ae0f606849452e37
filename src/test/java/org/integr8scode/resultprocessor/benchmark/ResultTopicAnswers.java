package org.integr8scode.resultprocessor.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.integr8scode.resultprocessor.support.ResultTopics;

/**
 * Reads the subject's output topics from their beginning; a record keyed by an execution_id answers it at the
 * moment the harness's poll returns it. Anything on result_failed or the dead-letter topic answers too, but is
 * counted as an anomaly (every benchmark execution exists and is well-formed).
 */
final class ResultTopicAnswers extends Answers {

    private final Lane lane;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread poller;

    ResultTopicAnswers(Lane lane) {
        this.lane = lane;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lane.bootstrapServers(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : lane.names().outputTopics()) {
            for (int partition = 0; partition < lane.partitions(); partition++) {
                partitions.add(new TopicPartition(topic, partition));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(this::poll, "benchmark-" + lane.subject() + "-answers");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    String endPoint() {
        return "publish -> result_stored consumed";
    }

    private void poll() {
        try {
            while (true) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(1));
                long now = System.nanoTime();
                if (records.isEmpty()) {
                    continue;
                }
                List<String> ids = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (!record.topic().equals(lane.names().storedTopic())) {
                        anomaly("answered on " + record.topic());
                    }
                    ids.add(Objects.requireNonNullElse(ResultTopics.key(record), "(no key)"));
                }
                answered(ids, now);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
