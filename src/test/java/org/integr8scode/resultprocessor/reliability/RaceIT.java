package org.integr8scode.resultprocessor.reliability;

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
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 3: two instances in one consumer group, and for every execution two different terminal events
 * (completed and timeout; for some a failed one too) on different topics at the same moment, each on a partition
 * that the other instance holds: executions, execution_results and every result_stored agree on one status per
 * execution. Keyed by execution_id alone, both events would land on the same partition number of their topics,
 * which one instance holds (range assignment): the test places them, so that the two instances really race.
 */
class RaceIT extends ReliabilityTestSupport {

    private static final int EXECUTIONS = Integer.getInteger("reliability.executions", 600);

    @Test
    void twoTerminalEventsAtOnceOnTwoInstancesEndInOneAgreedStatus() throws Exception {
        startProcessor("a");
        startProcessor("b");
        List<Map<String, Integer>> instances = awaitTwoInstancesHoldingEveryTopic();
        Map<String, Integer> first = instances.get(0);
        Map<String, Integer> second = instances.get(1);
        List<String> ids = newExecutionIds(EXECUTIONS);
        givenExecutions(ids);

        // both instances walk the executions in the same order, one the completed events, the other the timeouts
        List<ProducerRecord<byte[], byte[]>> events = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Map<String, Integer> completing = i % 2 == 0 ? first : second;
            Map<String, Integer> timingOut = i % 2 == 0 ? second : first;
            events.add(placed(completedTopic, completing, TestEvents.completed(id, 0, "done", "")));
            events.add(placed(timeoutTopic, timingOut, TestEvents.timeout(id, 5)));
            if (i % 3 == 0) {
                events.add(placed(failedTopic, i % 2 == 0 ? first : second, TestEvents.failed(id, "system_error")));
            }
        }
        publishAll(events);

        // every event answers with a result_stored, losers included: wait for all, then check they agree
        await().atMost(Duration.ofMinutes(4)).until(() -> published.on(storedTopic).size() >= events.size());
        assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(1));
        long completedWon = results().countDocuments(new Document("status", "completed"));
        long timeoutWon = results().countDocuments(new Document("status", "timeout"));
        System.out.printf("RaceIT: %d executions, %d terminal events on two instances, each execution's events on "
                        + "both, %d result_stored, statuses all agree (completed won %d, timeout %d, failed %d)%n",
                EXECUTIONS, events.size(), published.on(storedTopic).size(), completedWon, timeoutWon,
                EXECUTIONS - completedWon - timeoutWon);
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
            return admin.describeConsumerGroups(List.of(prefix + "-group")).all().get().get(prefix + "-group").members();
        }
    }
}
