package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.AdviceWith;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 1, its narrowest case: the result is stored, but Kafka does not acknowledge its result event. The
 * record's offset must stay uncommitted (else a crash now would lose the event for good) and the record must not
 * be dead-lettered; once Kafka acknowledges, it is committed. The broker in the test JVM cannot be made to refuse
 * one topic's writes (it caps min.insync.replicas at the replication factor), so the refusal is woven in before
 * the real send to result_stored.
 */
class UnacknowledgedResultEventTest extends ResultProcessorTestSupport {

    private static final int REFUSALS = 6;

    @Test
    void theOffsetWaitsUntilKafkaHasAcknowledgedTheResultEvent() throws Exception {
        AtomicInteger refusalsLeft = new AtomicInteger();
        AdviceWith.adviceWith(context(), "store-and-publish", route -> route.weaveByToUri("kafka:.*result-stored.*")
                .before().process(exchange -> {
                    if (refusalsLeft.getAndDecrement() > 0) {
                        throw new NotEnoughReplicasException("the broker refused the write: not enough in-sync replicas");
                    }
                }));
        String id = newExecutionId();
        givenExecution(id);
        TopicPartition partition = new TopicPartition(failedTopic, 0);

        refusalsLeft.set(REFUSALS);
        RecordMetadata sent = publish(failedTopic, 0, id.getBytes(StandardCharsets.UTF_8),
                TestEvents.bytes(TestEvents.failed(id, "system_error")), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> result(id) != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> refusalsLeft.get() <= REFUSALS / 2);
        assertThat(committedOffset(partition)).as("committed while its result event was refused")
                .isLessThanOrEqualTo(sent.offset());
        assertThat(published.on(storedTopic, keyed(id))).isEmpty();

        awaitRecords(storedTopic, 1, keyed(id));
        await().atMost(Duration.ofSeconds(30)).until(() -> committedOffset(partition) == sent.offset() + 1);
        assertThat(refusalsLeft.get()).as("every refusal was retried").isNegative();
        assertThat(published.on(deadLetterTopic, keyed(id))).as("a transient fault is not dead-lettered").isEmpty();
        assertThat(published.on(storedTopic, keyed(id))).hasSize(1);
    }
}
