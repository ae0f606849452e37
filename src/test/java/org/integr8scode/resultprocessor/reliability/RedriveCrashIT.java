package org.integr8scode.resultprocessor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.integr8scode.resultprocessor.support.DeadLetters;
import org.integr8scode.resultprocessor.support.ProcessorProcess;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.integr8scode.resultprocessor.support.ResultTopics;
import org.junit.jupiter.api.Test;

/**
 * A crash in the middle of a re-drive loses and doubles nothing. The dead-letter topic holds a backlog of dead
 * letters whose cause is fixed; the processor starts with DLQ_REDRIVE=true and is killed (SIGKILL) mid-run, at the
 * worst moment if it can be caught: copies acknowledged whose dead letters' offsets are not committed yet. Started
 * again with DLQ_REDRIVE=true, it goes on from the committed offsets: every execution ends with one result and
 * result_stored events of one event id; every dead letter was re-driven, a few twice at most (the one in flight
 * per partition), and none came back to the dead-letter topic.
 */
class RedriveCrashIT extends ReliabilityTestSupport {

    private static final int DEAD_LETTERS = Integer.getInteger("reliability.redrive.dead-letters", 1500);

    @Test
    void killedMidRedriveEveryDeadLetterIsStoredOnceWithOneResultEventId() throws Exception {
        List<String> ids = newExecutionIds(DEAD_LETTERS);
        givenExecutions(ids);
        List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ProducerRecord<byte[], byte[]> event = terminalEvent(ids.get(i), i);
            deadLetters.add(DeadLetters.of(deadLetterTopic, event.topic(), i, event.key(), event.value(),
                    "org.integr8scode.resultprocessor.event.PoisonRecordException", Instant.now()));
        }
        publishAll(deadLetters);

        Map<String, String> environment = processorEnvironment(mongoServer().connectionString());
        environment.put("DLQ_REDRIVE", "true");
        environment.put("DLQ_REDRIVE_GROUP", redriveGroup());
        ProcessorProcess first = startProcessor("first", environment);
        boolean inTheWindow;
        long copiesAtKill;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka().bootstrapServers()))) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> copies(admin) >= DEAD_LETTERS / 4);
            inTheWindow = killWhileCopiedButUncommitted(first, admin);
            copiesAtKill = copies(admin);
        }
        assertThat(copiesAtKill).as("killed in the middle of the re-drive").isLessThan(DEAD_LETTERS);

        ProcessorProcess second = startProcessor("second", environment);
        awaitStored(DEAD_LETTERS, Duration.ofMinutes(4));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> published.on(storedTopic).stream().map(ResultTopics::key)
                        .collect(Collectors.toSet()).containsAll(ids));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(second.log()).contains("Dead-letter re-drive finished"));

        long results = results().countDocuments();
        assertThat(results).as("results").isEqualTo(DEAD_LETTERS);
        Map<String, Set<String>> eventIds = ResultTopics.distinctByKey(published.on(storedTopic), "event_id");
        for (String id : ids) {
            assertThat(eventIds.get(id)).as("result_stored event ids of " + id).hasSize(1);
        }
        long copies;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka().bootstrapServers()))) {
            copies = copies(admin);
            assertThat(committed()).as("every dead letter's offset committed").isEqualTo(DEAD_LETTERS);
        }
        assertThat(copies).as("copies: each dead letter re-driven, at most the one in flight per partition twice")
                .isBetween((long) DEAD_LETTERS, (long) DEAD_LETTERS + PARTITIONS);
        assertThat(published.on(deadLetterTopic)).as("nothing dead-lettered again").hasSize(DEAD_LETTERS);

        System.out.printf("RedriveCrashIT: %d dead letters, SIGKILL at %d copies (%s), %d copies in all (%d re-driven "
                        + "twice), %d results, %d result_stored events, %d executions with more than one event id%n",
                DEAD_LETTERS, copiesAtKill, inTheWindow ? "sent once a copy was seen ahead of its commit"
                        : "no copy seen ahead of its commit within 30 s", copies, copies - DEAD_LETTERS, results,
                published.on(storedTopic).size(), eventIds.values().stream().filter(idsOfOne -> idsOfOne.size() > 1).count());
    }

    private String redriveGroup() {
        return lane.redriveGroup();
    }

    /** SIGKILL once copies are acknowledged whose dead letters are not committed yet; else after 30 s all the same. */
    private boolean killWhileCopiedButUncommitted(ProcessorProcess processor, Admin admin) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (copies(admin) > committed()) {
                processor.kill();
                return true;
            }
        }
        processor.kill();
        return false;
    }

    /** Records on the three input topics: here only the re-drive's copies. */
    private long copies(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (String topic : List.of(completedTopic, failedTopic, timeoutTopic)) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        return admin.listOffsets(ends).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    private long committed() {
        return clients.offsets().total(redriveGroup());
    }
}
