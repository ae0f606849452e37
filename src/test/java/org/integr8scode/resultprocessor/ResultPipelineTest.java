package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.integr8scode.resultprocessor.support.ContractExample;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/** The pipeline end to end, each test one rule of the contract: what lands in MongoDB and on the topics. */
class ResultPipelineTest extends ResultProcessorTestSupport {

    private static final int OUTPUT_BUDGET = 64 * 1024;

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("output.budget-bytes", String.valueOf(OUTPUT_BUDGET));
        return properties;
    }

    @Test
    void completedEventStoresTheResultSetsTheStatusAndPublishesResultStored() {
        ObjectNode event = TestEvents.example("execution_completed");
        String id = event.get("execution_id").asText();
        givenExecution(id);

        publish(completedTopic, event);

        ConsumerRecord<byte[], byte[]> record = awaitRecords(storedTopic, 1, keyed(id)).get(0);
        // every field as the contract's example has it: the name-based event_id, the application's version, a
        // timestamp in microseconds, status completed, storage_path the execution_id, size_bytes 6 ("hello\n")
        ContractExample.assertMatches("result_stored", id, json(record));
        assertThat(header(record, "content-type")).isEqualTo("application/json");

        Document result = result(id);
        assertThat(result.getString("execution_id")).isEqualTo(id);
        assertThat(result.getString("status")).isEqualTo("completed");
        assertThat(result.getInteger("exit_code")).isZero();
        assertThat(result.get("error_type")).isNull();
        assertThat(result.containsKey("timeout_seconds")).isFalse();
        assertThat(result.getString("stdout")).isEqualTo("hello\n");
        assertThat(result.getString("stderr")).isEmpty();
        assertThat(result.getBoolean("output_truncated")).isFalse();
        assertThat(result.get("resource_usage", Document.class)).containsEntry("execution_time_wall_seconds", 0.052341)
                .containsEntry("cpu_time_jiffies", 1L).containsEntry("clk_tck_hertz", 100L)
                .containsEntry("peak_memory_kb", 9216L);
        assertThat(result.getDouble("duration_seconds")).isEqualTo(0.052341);
        assertThat(result.getDouble("peak_memory_mib")).isEqualTo(9.0);
        assertThat(result.getLong("size_bytes")).isEqualTo(6);
        assertThat(result.getString("user_id")).isEqualTo("7d4f2b10-1c3e-4f5a-9b8d-0e6c2a4f1b3d");
        assertThat(result.getString("event_id")).isEqualTo(event.get("event_id").asText());
        assertThat(result.getString("event_type")).isEqualTo("execution_completed");
        assertThat(result.getDate("event_timestamp")).isEqualTo(Date.from(java.time.Instant.parse("2026-03-06T21:29:12.345Z")));
        assertThat(result.getDate("stored_at")).isNotNull();

        Document execution = execution(id);
        assertThat(execution.getString("status")).isEqualTo("completed");
        assertThat(execution.getInteger("exit_code")).isZero();
        assertThat(execution.containsKey("error_type")).isTrue();
        assertThat(execution.get("error_type")).isNull();
        assertThat(execution.get("resource_usage", Document.class)).isEqualTo(result.get("resource_usage", Document.class));
        assertThat(execution.getDate("updated_at")).isAfter(execution.getDate("created_at"));
        assertThat(execution.getString("script")).as("the API's fields are left alone").isEqualTo("print('hello')");
    }

    @Test
    void scriptThatRaisedIsStoredAsCompletedWithItsNonZeroExitCode() {
        ObjectNode event = TestEvents.example("execution_completed_script_error");
        String id = event.get("execution_id").asText();
        givenExecution(id);

        publish(completedTopic, event);

        assertThat(json(awaitRecords(storedTopic, 1, keyed(id)).get(0)).get("status").asText()).isEqualTo("completed");
        assertThat(result(id).getString("status")).isEqualTo("completed");
        assertThat(result(id).getInteger("exit_code")).isEqualTo(1);
        assertThat(result(id).getString("stderr")).contains("ZeroDivisionError");
        assertThat(execution(id).getString("status")).isEqualTo("completed");
        assertThat(execution(id).getInteger("exit_code")).isEqualTo(1);
    }

    @Test
    void failedEventStoresItsErrorTypeAndExitCode() {
        ObjectNode event = TestEvents.example("execution_failed");
        String id = event.get("execution_id").asText();
        givenExecution(id);

        publish(failedTopic, event);

        assertThat(json(awaitRecords(storedTopic, 1, keyed(id)).get(0)).get("status").asText()).isEqualTo("failed");
        Document result = result(id);
        assertThat(result.getString("status")).isEqualTo("failed");
        assertThat(result.getInteger("exit_code")).isEqualTo(1);
        assertThat(result.getString("error_type")).isEqualTo("resource_limit");
        assertThat(result.get("resource_usage")).isNull();
        assertThat(result.get("duration_seconds")).isNull();
        assertThat(result.get("peak_memory_mib")).isNull();
        Document execution = execution(id);
        assertThat(execution.getString("status")).isEqualTo("failed");
        assertThat(execution.getString("error_type")).isEqualTo("resource_limit");
        assertThat(execution.get("resource_usage")).isNull();
    }

    @Test
    void failedEventWithoutExitCodeGets1AndAnUnknownErrorTypeIsStoredAsReceived() {
        String id = newExecutionId();
        givenExecution(id);
        ObjectNode event = TestEvents.failed(id, "image_pull_backoff");
        event.remove("exit_code");

        publish(failedTopic, event);

        awaitRecords(storedTopic, 1, keyed(id));
        assertThat(result(id).getInteger("exit_code")).isEqualTo(1);
        assertThat(result(id).getString("error_type")).isEqualTo("image_pull_backoff");
        assertThat(execution(id).getString("error_type")).isEqualTo("image_pull_backoff");
    }

    @Test
    void timeoutIsStoredWithExitCodeMinusOneAndErrorTypeTimeout() {
        ObjectNode event = TestEvents.example("execution_timeout");
        String id = event.get("execution_id").asText();
        givenExecution(id);

        publish(timeoutTopic, event);

        assertThat(json(awaitRecords(storedTopic, 1, keyed(id)).get(0)).get("status").asText()).isEqualTo("timeout");
        Document result = result(id);
        assertThat(result.getString("status")).isEqualTo("timeout");
        assertThat(result.getInteger("exit_code")).isEqualTo(-1);
        assertThat(result.getString("error_type")).isEqualTo("timeout");
        assertThat(result.getInteger("timeout_seconds")).isEqualTo(5);
        Document execution = execution(id);
        assertThat(execution.getString("status")).isEqualTo("timeout");
        assertThat(execution.getInteger("exit_code")).isEqualTo(-1);
        assertThat(execution.getString("error_type")).isEqualTo("timeout");
    }

    @Test
    void secondTerminalEventChangesNothingAndRepublishesTheStoredResultWithTheSameEventId() {
        String id = newExecutionId();
        givenExecution(id);
        publish(completedTopic, TestEvents.completed(id, 0, "first\n", ""));
        awaitRecords(storedTopic, 1, keyed(id));
        Document resultBefore = result(id);
        Document executionBefore = execution(id);

        publish(timeoutTopic, TestEvents.timeout(id, 30));

        List<ConsumerRecord<byte[], byte[]>> stored = awaitRecords(storedTopic, 2, keyed(id));
        assertThat(stored).extracting(r -> json(r).get("event_id").asText()).containsOnly(
                json(stored.get(0)).get("event_id").asText());
        assertThat(stored).extracting(r -> json(r).get("status").asText()).containsOnly("completed");
        assertThat(stored).extracting(r -> json(r).get("size_bytes").asLong()).containsOnly(6L);
        assertThat(result(id)).isEqualTo(resultBefore);
        assertThat(execution(id)).isEqualTo(executionBefore);
        assertThat(results().countDocuments(new Document("execution_id", id))).isEqualTo(1);
    }

    @Test
    void sameEventDeliveredTwiceStoresOneResultAndRepeatsTheSameResultEvent() {
        String id = newExecutionId();
        givenExecution(id);
        ObjectNode event = TestEvents.completed(id, 3, "out", "err");

        publish(completedTopic, event);
        publish(completedTopic, event);

        List<ConsumerRecord<byte[], byte[]>> stored = awaitRecords(storedTopic, 2, keyed(id));
        assertThat(stored).extracting(r -> json(r).get("event_id").asText()).hasSize(2).containsOnly(
                json(stored.get(0)).get("event_id").asText());
        assertThat(results().countDocuments(new Document("execution_id", id))).isEqualTo(1);
        assertThat(result(id).getInteger("exit_code")).isEqualTo(3);
        assertThat(execution(id).getString("status")).isEqualTo("completed");
    }

    @Test
    void executionUnknownToTheApiIsStoredAndAnsweredWithResultFailed() {
        String id = newExecutionId();

        publish(completedTopic, TestEvents.completed(id, 0, "orphan", ""));

        JsonNode failed = json(awaitRecords(resultFailedTopic, 1, keyed(id)).get(0));
        // every field as the contract's example has it: the name-based event_id, storage_type null, reason
        // execution_not_found, an error that names the execution
        ContractExample.assertMatches("result_failed", id, failed);
        assertThat(result(id).getString("stdout")).isEqualTo("orphan");
        assertThat(execution(id)).as("nothing is created in executions").isNull();
        assertThat(published.on(storedTopic, keyed(id))).as("no result_stored").isEmpty();
    }

    @Test
    void nonAsciiOutputIsStoredAsItCameAndSizedInUtf8Bytes() {
        String id = newExecutionId();
        givenExecution(id);
        String stdout = "héllo wörld 🌍\n";
        String stderr = "错误: ß\n";

        publish(completedTopic, TestEvents.completed(id, 0, stdout, stderr));

        long expectedBytes = stdout.getBytes(StandardCharsets.UTF_8).length + stderr.getBytes(StandardCharsets.UTF_8).length;
        assertThat(json(awaitRecords(storedTopic, 1, keyed(id)).get(0)).get("size_bytes").asLong()).isEqualTo(expectedBytes);
        assertThat(expectedBytes).isGreaterThan(stdout.length() + stderr.length());
        assertThat(result(id).getString("stdout")).isEqualTo(stdout);
        assertThat(result(id).getString("stderr")).isEqualTo(stderr);
        assertThat(result(id).getLong("size_bytes")).isEqualTo(expectedBytes);
    }

    @Test
    void correlationIdHeaderIsCarriedOverToTheResultEvent() {
        String id = newExecutionId();
        givenExecution(id);
        ObjectNode event = TestEvents.completed(id, 0, "", "");

        publish(completedTopic, id, TestEvents.bytes(event), Map.of("correlation_id", "corr-" + id));

        ConsumerRecord<byte[], byte[]> record = awaitRecords(storedTopic, 1, keyed(id)).get(0);
        assertThat(header(record, "correlation_id")).isEqualTo("corr-" + id);
        assertThat(record.headers().toArray()).extracting(h -> h.key())
                .as("only the contract's headers go out").containsOnly("content-type", "correlation_id");
    }

    @Test
    void outputOverTheBudgetIsCutKeepingTheEndOfEachStream() {
        String id = newExecutionId();
        givenExecution(id);
        String stdout = "x".repeat(100_000) + "the end of stdout ✓";
        String stderr = "y".repeat(100_000) + "Traceback: the end of stderr";

        publish(completedTopic, TestEvents.completed(id, 0, stdout, stderr));

        JsonNode event = json(awaitRecords(storedTopic, 1, keyed(id)).get(0));
        long received = stdout.getBytes(StandardCharsets.UTF_8).length + stderr.getBytes(StandardCharsets.UTF_8).length;
        assertThat(event.get("size_bytes").asLong()).isEqualTo(received);
        Document result = result(id);
        assertThat(result.getBoolean("output_truncated")).isTrue();
        assertThat(result.getString("stdout")).endsWith("the end of stdout ✓");
        assertThat(result.getString("stderr")).endsWith("Traceback: the end of stderr");
        assertThat(result.getString("stdout").getBytes(StandardCharsets.UTF_8).length
                + result.getString("stderr").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(OUTPUT_BUDGET);
        assertThat(result.getLong("size_bytes")).isEqualTo(received);
    }

    @Test
    void offsetsAreCommittedOnceTheRecordsAreDone() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        long lastOffset = -1;
        for (int i = 0; i < 5; i++) {
            String id = newExecutionId();
            givenExecution(id);
            ids.add(id);
            lastOffset = publish(failedTopic, 2, id.getBytes(StandardCharsets.UTF_8),
                    TestEvents.bytes(TestEvents.failed(id, "system_error")), Map.of()).offset();
        }
        ids.forEach(id -> awaitRecords(storedTopic, 1, keyed(id)));

        long expected = lastOffset + 1;
        TopicPartition partition = new TopicPartition(failedTopic, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> committedOffset(partition) == expected);
    }

    @Test
    void environmentAbsentFromTheInputIsPublishedAsProduction() {
        String id = newExecutionId();
        givenExecution(id);
        ObjectNode event = TestEvents.completed(id, 0, "", "");
        ((ObjectNode) event.get("metadata")).remove("environment");
        ((ObjectNode) event.get("metadata")).put("user_id", "someone-else");

        publish(completedTopic, event);

        JsonNode stored = json(awaitRecords(storedTopic, 1, keyed(id)).get(0));
        assertThat(stored.at("/metadata/environment").asText()).isEqualTo("production");
        assertThat(stored.at("/metadata/user_id").asText()).isEqualTo("someone-else");
        await().atMost(Duration.ofSeconds(5)).until(() -> result(id) != null);
    }
}
