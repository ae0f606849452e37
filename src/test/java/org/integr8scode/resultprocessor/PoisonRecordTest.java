package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract §1: a poison record goes to the dead-letter topic with its key and value unchanged and the dlq.*
 * headers, and the consumer goes on: the next good record on the same partition is still stored.
 */
class PoisonRecordTest extends ResultProcessorTestSupport {

    private static final byte[] INVALID_UTF8 = {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    static Stream<Arguments> poisonRecords() {
        return Stream.of(
                poison("not JSON", "completed", id -> "this is not json".getBytes(StandardCharsets.UTF_8), "not valid UTF-8 JSON"),
                poison("empty value", "completed", id -> new byte[0], "empty value"),
                poison("null value", "completed", id -> null, "null value"),
                poison("a JSON array", "completed", id -> "[1,2,3]".getBytes(StandardCharsets.UTF_8), "not a JSON object"),
                poison("a bare string", "completed", id -> "\"hello\"".getBytes(StandardCharsets.UTF_8), "not a JSON object"),
                poison("JSON null", "completed", id -> "null".getBytes(StandardCharsets.UTF_8), "not a JSON object"),
                poison("invalid UTF-8", "completed", id -> INVALID_UTF8, "UTF-8"),
                poison("10,000 levels of nesting", "completed",
                        id -> ("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8), "nesting"),
                poison("no event_type", "completed", id -> without(TestEvents.completed(id, 0, "", ""), "event_type"), "event_type"),
                poison("no execution_id", "completed", id -> without(TestEvents.completed(id, 0, "", ""), "execution_id"), "execution_id"),
                poison("execution_id with a slash", "completed",
                        id -> bytes(TestEvents.completed("../" + id, 0, "", "")), "execution_id"),
                poison("execution_id with spaces", "completed",
                        id -> bytes(TestEvents.completed("an id", 0, "", "")), "execution_id"),
                poison("execution_id of 300 characters", "completed",
                        id -> bytes(TestEvents.completed("a".repeat(300), 0, "", "")), "execution_id"),
                poison("event_type of another topic", "completed", id -> bytes(TestEvents.failed(id, "system_error")),
                        "does not match topic"),
                // a value that reads as its topic's event but for its event_type: read again as a tree, and refused
                poison("a completed event but for its event_type", "completed",
                        id -> bytes(TestEvents.completed(id, 0, "", "").put("event_type", "execution_failed")),
                        "does not match topic"),
                // the typed read skips fields it does not know: it still refuses what is in them
                poison("invalid UTF-8 in a field the event does not have", "completed",
                        id -> withField(TestEvents.completed(id, 0, "", ""), "\"junk\":\"" + new String(new byte[] {(byte) 0xC3, (byte) 0x28},
                                StandardCharsets.ISO_8859_1) + "\""), "UTF-8"),
                poison("10,000 levels of nesting in a field the event does not have", "completed",
                        id -> withField(TestEvents.completed(id, 0, "", ""),
                                "\"junk\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)), "nesting"),
                poison("exit_code that is a string", "completed",
                        id -> bytes(TestEvents.completed(id, 0, "", "").put("exit_code", "zero")), "does not fit"),
                poison("exit_code that is a fraction", "completed",
                        id -> bytes(TestEvents.completed(id, 0, "", "").put("exit_code", 1.5)), "does not fit"),
                poison("no exit_code", "completed", id -> without(TestEvents.completed(id, 0, "", ""), "exit_code"), "exit_code"),
                poison("stdout that is a number", "completed",
                        id -> bytes(TestEvents.completed(id, 0, "", "").put("stdout", 42)), "does not fit"),
                poison("failed without error_type", "failed", id -> without(TestEvents.failed(id, "x"), "error_type"), "error_type"),
                poison("3 MiB, larger than a producer's default request", "completed",
                        id -> bytes(TestEvents.completed("../" + id, 0, "x".repeat(3 << 20), "")), "execution_id"),
                poison("negative timeout_seconds", "timeout", id -> bytes(TestEvents.timeout(id, -5)), "timeout_seconds"),
                poison("timestamp that is not ISO-8601", "timeout",
                        id -> bytes(TestEvents.timeout(id, 5).put("timestamp", "yesterday")), "timestamp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poisonRecords")
    void poisonGoesToTheDeadLetterTopicAndTheNextRecordIsStillStored(String name, String topicKind,
                                                                     Function<String, byte[]> value, String reason) {
        String topic = switch (topicKind) {
            case "failed" -> failedTopic;
            case "timeout" -> timeoutTopic;
            default -> completedTopic;
        };
        byte[] key = ("poison-" + newExecutionId()).getBytes(StandardCharsets.UTF_8);
        byte[] poison = value.apply(newExecutionId());
        RecordMetadata sent = publish(topic, 0, key, poison, Map.of("correlation_id", "corr-poison"));
        String goodId = newExecutionId();
        givenExecution(goodId);
        byte[] good = bytes(switch (topicKind) {
            case "failed" -> TestEvents.failed(goodId, "system_error");
            case "timeout" -> TestEvents.timeout(goodId, 5);
            default -> TestEvents.completed(goodId, 0, "after the poison", "");
        });
        publish(topic, 0, goodId.getBytes(StandardCharsets.UTF_8), good, Map.of());

        ConsumerRecord<byte[], byte[]> dead = awaitRecords(deadLetterTopic, 1,
                r -> topic.equals(header(r, "dlq.original.topic"))
                        && String.valueOf(sent.offset()).equals(header(r, "dlq.original.offset"))).get(0);
        assertThat(dead.key()).as("the input's key, unchanged").isEqualTo(key);
        assertThat(dead.value()).as("the input's value bytes, unchanged").isEqualTo(poison);
        assertThat(header(dead, "dlq.original.partition")).isEqualTo("0");
        assertThat(header(dead, "dlq.error.class")).isEqualTo("org.integr8scode.resultprocessor.event.PoisonRecordException");
        assertThat(header(dead, "dlq.error.message")).containsIgnoringCase(reason);
        assertThat(Instant.parse(header(dead, "dlq.failed.at"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(header(dead, "correlation_id")).isEqualTo("corr-poison");

        awaitRecords(storedTopic, 1, keyed(goodId));
        assertThat(result(goodId)).as("the record after the poison is stored").isNotNull();
    }

    @org.junit.jupiter.api.Test
    void anUnexpectedErrorInTheMappingIsDeadLetteredWithItsErrorAndTheNextRecordIsStillStored() {
        // a year Instant accepts but java.util.Date cannot hold: no rule refuses it, the mapping fails on it
        String id = newExecutionId();
        byte[] odd = bytes(TestEvents.completed(id, 0, "", "").put("timestamp", "+1000000000-01-01T00:00:00Z"));
        RecordMetadata sent = publish(completedTopic, 1, id.getBytes(StandardCharsets.UTF_8), odd, Map.of());
        String goodId = newExecutionId();
        givenExecution(goodId);
        publish(completedTopic, 1, goodId.getBytes(StandardCharsets.UTF_8),
                bytes(TestEvents.completed(goodId, 0, "", "")), Map.of());

        ConsumerRecord<byte[], byte[]> dead = awaitRecords(deadLetterTopic, 1,
                r -> String.valueOf(sent.offset()).equals(header(r, "dlq.original.offset"))
                        && "1".equals(header(r, "dlq.original.partition"))
                        && completedTopic.equals(header(r, "dlq.original.topic"))).get(0);
        assertThat(dead.value()).isEqualTo(odd);
        assertThat(header(dead, "dlq.error.class")).isEqualTo("java.lang.IllegalArgumentException");
        awaitRecords(storedTopic, 1, keyed(goodId));
    }

    @org.junit.jupiter.api.Test
    void everyInputRecordEndsStoredAnsweredOrDeadLettered() {
        List<Arguments> cases = poisonRecords().toList();
        String marker = "count-" + newExecutionId();
        int good = 10;
        int unknown = 3;
        for (Arguments arguments : cases) {
            Object[] a = arguments.get();
            String topic = switch ((String) a[1]) {
                case "failed" -> failedTopic;
                case "timeout" -> timeoutTopic;
                default -> completedTopic;
            };
            @SuppressWarnings("unchecked")
            Function<String, byte[]> value = (Function<String, byte[]>) a[2];
            publish(topic, null, (marker + "-poison").getBytes(StandardCharsets.UTF_8), value.apply(newExecutionId()), Map.of());
        }
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < good + unknown; i++) {
            String id = marker + "-" + i;
            ids.add(id);
            if (i < good) {
                givenExecution(id);
            }
            publish(completedTopic, TestEvents.completed(id, 0, "", ""));
        }

        int inputs = cases.size() + good + unknown;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                published.on(storedTopic, r -> keyStartsWith(r, marker)).size()
                        + published.on(resultFailedTopic, r -> keyStartsWith(r, marker)).size()
                        + published.on(deadLetterTopic, r -> keyStartsWith(r, marker)).size() >= inputs);
        assertThat(published.on(storedTopic, r -> keyStartsWith(r, marker))).hasSize(good);
        assertThat(published.on(resultFailedTopic, r -> keyStartsWith(r, marker))).hasSize(unknown);
        assertThat(published.on(deadLetterTopic, r -> keyStartsWith(r, marker))).hasSize(cases.size());
        ids.forEach(id -> assertThat(result(id)).as("result of " + id).isNotNull());
    }

    private boolean keyStartsWith(ConsumerRecord<byte[], byte[]> record, String prefix) {
        String key = key(record);
        return key != null && key.startsWith(prefix);
    }

    private static Arguments poison(String name, String topicKind, Function<String, byte[]> value, String reason) {
        return Arguments.of(name, topicKind, value, reason);
    }

    private static byte[] without(ObjectNode event, String field) {
        event.remove(field);
        return bytes(event);
    }

    /** The event with one more field, written as raw bytes (ISO-8859-1: one byte a char) before its closing brace. */
    private static byte[] withField(ObjectNode event, String rawField) {
        String json = new String(bytes(event), StandardCharsets.ISO_8859_1);
        return (json.substring(0, json.lastIndexOf('}')) + "," + rawField + "}").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(ObjectNode event) {
        return TestEvents.bytes(event);
    }
}
