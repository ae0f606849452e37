package org.integr8scode.resultprocessor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport.Tally;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 3: two instances in one consumer group, and for every execution two different terminal events
 * (completed and timeout) on different topics at the same moment, each on a partition that the other instance
 * holds: executions, execution_results and every result_stored agree on one status per
 * execution. Keyed by execution_id alone, both events would land on the same partition number of their topics,
 * which one instance holds (range assignment): the test places them, so that the two instances really race.
 */
class RaceIT extends ReliabilityTestSupport {

    private static final int EXECUTIONS = Integer.getInteger("reliability.executions", 600);
    private static final int WAVE = 10;

    @Test
    void twoTerminalEventsAtOnceOnTwoInstancesEndInOneAgreedStatus() throws Exception {
        startProcessor("a");
        startProcessor("b");
        List<Map<String, Integer>> instances = awaitTwoInstancesHoldingEveryTopic();
        Map<String, Integer> first = instances.get(0);
        Map<String, Integer> second = instances.get(1);
        List<String> ids = newExecutionIds(EXECUTIONS);
        givenExecutions(ids);

        // in waves, so that both instances start each wave at the same moment: one walks the wave's completed
        // events from its first execution on, the other the timeouts from its last one back, each from one partition;
        // they meet in the middle of the wave, writing the same execution's documents at the same moment
        int events = 0;
        for (int from = 0; from < ids.size(); from += WAVE) {
            List<String> waveIds = ids.subList(from, Math.min(ids.size(), from + WAVE));
            List<ProducerRecord<byte[], byte[]>> wave = new ArrayList<>();
            for (int i = 0; i < waveIds.size(); i++) {
                wave.add(placed(completedTopic, first, TestEvents.completed(waveIds.get(i), 0, "done", "")));
                wave.add(placed(timeoutTopic, second, TestEvents.timeout(waveIds.get(waveIds.size() - 1 - i), 5)));
            }
            publishAll(wave);
            events += wave.size();
            // every event answers with a result_stored, losers included
            int answered = events;
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> published.on(storedTopic).size() >= answered);
        }

        Tally tally = assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(1));
        long completedWon = results().countDocuments(new Document("status", "completed"));
        long timeoutWon = results().countDocuments(new Document("status", "timeout"));
        System.out.printf("RaceIT: %d executions, %d terminal events on two instances, each execution's events on "
                        + "both: %s; completed won %d, timeout %d%n", EXECUTIONS, events, tally, completedWon, timeoutWon);
        assertThat(completedWon).as("executions the completed event won: both instances' writes met").isPositive()
                .isLessThan(EXECUTIONS);
    }

    private ProducerRecord<byte[], byte[]> placed(String topic, Map<String, Integer> instance, ObjectNode event) {
        return new ProducerRecord<>(topic, instance.get(topic),
                event.get("execution_id").asText().getBytes(StandardCharsets.UTF_8), TestEvents.bytes(event));
    }

    /** For each of the two members of the group, once both hold a partition of every input topic: one of them each. */
    private List<Map<String, Integer>> awaitTwoInstancesHoldingEveryTopic() {
        List<String> inputs = List.of(completedTopic, failedTopic, timeoutTopic);
        List<Map<String, Integer>> instances = new ArrayList<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            instances.clear();
            for (MemberDescription member : groupMembers()) {
                Map<String, Integer> held = new HashMap<>();
                for (TopicPartition partition : member.assignment().topicPartitions()) {
                    held.putIfAbsent(partition.topic(), partition.partition());
                }
                instances.add(held);
            }
            return instances.size() == 2 && instances.stream().allMatch(held -> held.keySet().containsAll(inputs));
        });
        return instances;
    }

    private Collection<MemberDescription> groupMembers() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(lane.group())).all().get().get(lane.group()).members();
        }
    }
}
