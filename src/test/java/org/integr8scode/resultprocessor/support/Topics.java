package org.integr8scode.resultprocessor.support;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.awaitility.Awaitility;

/**
 * Creates topics and returns once every partition has a leader. Publishing to a partition whose leader the
 * broker has not yet taken up answers NOT_LEADER_OR_FOLLOWER, and an idempotent producer that retries then
 * can be refused with OUT_OF_ORDER_SEQUENCE_NUMBER until its batches expire: the events never arrive.
 */
public final class Topics {

    private Topics() {
    }

    public static void createAndAwaitLeaders(String bootstrapServers, List<String> topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList()).all()
                    .get(60, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> everyPartitionLed(
                            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()));
        } catch (Exception e) {
            throw new IllegalStateException("topics " + topics + " not ready", e);
        }
    }

    private static boolean everyPartitionLed(Collection<TopicDescription> descriptions) {
        return descriptions.stream().flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }
}
