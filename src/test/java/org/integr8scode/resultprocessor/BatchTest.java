package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * Records that arrive together are done with as one batch: its poison is dead-lettered alone, repeats and rivals
 * of one execution within the batch are answered with the result that won, an unknown execution with
 * result_failed, and the statuses of the three stores agree.
 */
class BatchTest extends ResultProcessorTestSupport {

    @Test
    void aBatchWithPoisonRepeatsRivalsAndAnUnknownExecutionIsDoneWithRecordByRecord() throws Exception {
        String rivals = newExecutionId();
        String repeated = newExecutionId();
        String unknown = newExecutionId();
        String plain = newExecutionId();
        givenExecution(rivals);
        givenExecution(repeated);
        givenExecution(plain);
        long batchesBefore = batchesDone();

        byte[] poison = "this is not JSON".getBytes(StandardCharsets.UTF_8);
        publishedAsOneBatch(() -> {
            publish(completedTopic, TestEvents.completed(rivals, 0, "rival one", ""));
            publish(timeoutTopic, TestEvents.timeout(rivals, 30));
            publish(completedTopic, 0, plain.getBytes(StandardCharsets.UTF_8), poison, Map.of());
            publish(failedTopic, TestEvents.failed(repeated, "system_error"));
            publish(failedTopic, TestEvents.failed(repeated, "system_error"));
            publish(completedTopic, TestEvents.completed(unknown, 0, "nobody asked", ""));
            publish(completedTopic, TestEvents.completed(plain, 0, "plain", ""));
        });

        List<ConsumerRecord<byte[], byte[]>> rivalEvents = awaitRecords(storedTopic, 2, keyed(rivals));
        List<ConsumerRecord<byte[], byte[]>> repeatEvents = awaitRecords(storedTopic, 2, keyed(repeated));
        awaitRecords(storedTopic, 1, keyed(plain));
        ConsumerRecord<byte[], byte[]> unknownEvent = awaitRecords(resultFailedTopic, 1, keyed(unknown)).get(0);
        awaitRecords(deadLetterTopic, 1, r -> Arrays.equals(r.value(), poison));
        String winner = result(rivals).getString("status");
        assertThat(winner).isIn("completed", "timeout");
        assertThat(execution(rivals).getString("status")).isEqualTo(winner);
        assertThat(rivalEvents).extracting(r -> json(r).get("status").asText()).containsOnly(winner);
        assertThat(rivalEvents).extracting(r -> json(r).get("event_id").asText()).containsOnly(
                json(rivalEvents.get(0)).get("event_id").asText());
        assertThat(repeatEvents).extracting(r -> json(r).get("status").asText()).containsOnly("failed");
        assertThat(execution(repeated).getString("status")).isEqualTo("failed");
        assertThat(json(unknownEvent).get("reason").asText()).isEqualTo("execution_not_found");
        assertThat(result(unknown)).as("an unknown execution's result is stored all the same").isNotNull();
        assertThat(execution(unknown)).isNull();
        assertThat(execution(plain).getString("status")).isEqualTo("completed");
        assertThat(published.on(deadLetterTopic, r -> rivals.equals(key(r)) || repeated.equals(key(r))
                || unknown.equals(key(r)))).as("only the poison is dead-lettered").isEmpty();
        assertThat(published.on(deadLetterTopic, r -> Arrays.equals(r.value(), poison))).hasSize(1);
        assertThat(batchesDone() - batchesBefore).as("batches for 7 records").isBetween(1L, 3L);
    }

    @Test
    void aBatchThatStartsWithPoisonStoresTheRestAndCommitsIt() throws Exception {
        String good = newExecutionId();
        givenExecution(good);
        byte[] poison = "{\"event_type\": ".getBytes(StandardCharsets.UTF_8);
        publishedAsOneBatch(() -> {
            publish(completedTopic, 1, good.getBytes(StandardCharsets.UTF_8), poison, Map.of());
            publish(completedTopic, 1, good.getBytes(StandardCharsets.UTF_8),
                    TestEvents.bytes(TestEvents.completed(good, 0, "after the poison", "")), Map.of());
        });

        awaitRecords(storedTopic, 1, keyed(good));
        assertThat(execution(good).getString("status")).isEqualTo("completed");
        assertThat(published.on(deadLetterTopic, r -> Arrays.equals(r.value(), poison))).hasSize(1);
    }

    private long batchesDone() throws Exception {
        return context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("execution-events").getExchangesCompleted();
    }
}
