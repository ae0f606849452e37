package org.integr8scode.resultprocessor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value is read once, straight into the event its topic carries, and read again as a JSON tree only where it does
 * not read so: the values taken and refused, and the reasons given, are those of reading every value as a tree
 * first (what the reader did before, and does without its topics).
 */
class EventReaderTest {

    private static final String COMPLETED = "execution_completed";
    private static final String FAILED = "execution_failed";
    private static final String TIMEOUT = "execution_timeout";

    private static final ObjectMapper MAPPER = new EventConfiguration().eventMapper();
    private static final EventReader BY_TOPIC = new EventReader(MAPPER, COMPLETED, FAILED, TIMEOUT);
    private static final EventReader AS_TREE_FIRST = new EventReader(MAPPER);

    static Stream<Arguments> values() {
        String id = "exec-1";
        return Stream.of(
                value("a completed event", COMPLETED, TestEvents.completed(id, 0, "out", "err")),
                value("a failed event", FAILED, TestEvents.failed(id, "script_error")),
                value("a timeout event", TIMEOUT, TestEvents.timeout(id, 30)),
                value("a failed event on the completed topic", COMPLETED, TestEvents.failed(id, "script_error")),
                value("a completed event named failed", COMPLETED, TestEvents.completed(id, 0, "", "").put("event_type", FAILED)),
                value("a completed event on the timeout topic", TIMEOUT, TestEvents.completed(id, 0, "", "")),
                value("event_type a number", COMPLETED, TestEvents.completed(id, 0, "", "").put("event_type", 7)),
                value("event_type null", COMPLETED, TestEvents.completed(id, 0, "", "").putNull("event_type")),
                value("exit_code a string", COMPLETED, TestEvents.completed(id, 0, "", "").put("exit_code", "0")),
                value("exit_code a fraction", COMPLETED, TestEvents.completed(id, 0, "", "").put("exit_code", 1.5)),
                value("exit_code 2.0", COMPLETED, TestEvents.completed(id, 0, "", "").put("exit_code", 2.0)),
                value("exit_code beyond an int", COMPLETED, TestEvents.completed(id, 0, "", "").put("exit_code", 1L << 40)),
                value("exit_code null", COMPLETED, TestEvents.completed(id, 0, "", "").putNull("exit_code")),
                value("stdout a number", COMPLETED, TestEvents.completed(id, 0, "", "").put("stdout", 42)),
                value("stdout an object", COMPLETED, withObject(TestEvents.completed(id, 0, "", ""), "stdout")),
                value("resource_usage a string", COMPLETED, TestEvents.completed(id, 0, "", "").put("resource_usage", "x")),
                value("timeout_seconds negative", TIMEOUT, TestEvents.timeout(id, -1)),
                value("timeout_seconds a string", TIMEOUT, TestEvents.timeout(id, 5).put("timeout_seconds", "5")),
                value("no error_type", FAILED, without(TestEvents.failed(id, "x"), "error_type")),
                value("no execution_id", COMPLETED, without(TestEvents.completed(id, 0, "", ""), "execution_id")),
                value("execution_id with a slash", COMPLETED, TestEvents.completed("../x", 0, "", "")),
                value("metadata a string", COMPLETED, TestEvents.completed(id, 0, "", "").put("metadata", "m")),
                raw("a JSON array", COMPLETED, "[1,2,3]"),
                raw("JSON null", COMPLETED, "null"),
                raw("a bare string", COMPLETED, "\"hello\""),
                raw("not JSON", COMPLETED, "this is not json"),
                raw("an empty object", COMPLETED, "{}"),
                raw("event_type twice, the last another topic's", COMPLETED,
                        "{\"event_type\":\"execution_completed\",\"execution_id\":\"e\",\"exit_code\":0,"
                                + "\"event_type\":\"execution_failed\"}"),
                raw("event_type twice, the last its topic's", COMPLETED,
                        "{\"event_type\":\"execution_failed\",\"execution_id\":\"e\",\"exit_code\":0,"
                                + "\"event_type\":\"execution_completed\"}"),
                raw("an object and then more", COMPLETED,
                        "{\"event_type\":\"execution_completed\",\"execution_id\":\"e\",\"exit_code\":0} trailing"),
                raw("unknown fields, nested", COMPLETED,
                        "{\"event_type\":\"execution_completed\",\"execution_id\":\"e\",\"exit_code\":0,"
                                + "\"extra\":{\"a\":[1,{\"b\":null}]}}"),
                Arguments.of("invalid UTF-8 in an unknown field", COMPLETED, withRawField(TestEvents.completed(id, 0, "", ""),
                        "\"junk\":\"" + new String(new byte[] {(byte) 0xC3, (byte) 0x28}, StandardCharsets.ISO_8859_1) + "\"")),
                Arguments.of("deep nesting in an unknown field", COMPLETED, withRawField(TestEvents.completed(id, 0, "", ""),
                        "\"junk\":" + "[".repeat(100) + "]".repeat(100))),
                Arguments.of("a topic the reader does not know", "elsewhere", TestEvents.bytes(TestEvents.completed(id, 0, "", ""))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void aValueIsTakenOrRefusedAsWhenReadAsATreeFirst(String name, String topic, byte[] value) {
        assertThat(outcome(BY_TOPIC, topic, value)).isEqualTo(outcome(AS_TREE_FIRST, topic, value));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void theBatchsTypedStepTakesExactlyTheEventsTheRouterTakes(String name, String topic, byte[] value) {
        // BatchMapping's check: a value it takes is the event the route makes of it; one it leaves is poison there
        ExecutionEvent checked = BY_TOPIC.readChecked(value, topic);
        String outcome = outcome(BY_TOPIC, topic, value);
        if (checked != null) {
            assertThat(checked.toString()).isEqualTo(outcome);
        } else {
            assertThat(outcome).startsWith("poison: ");
        }
    }

    @Test
    void theBatchsTypedStepTakesAValidEventOfEachTopic() {
        assertThat(BY_TOPIC.readChecked(TestEvents.bytes(TestEvents.completed("exec-1", 3, "out", "")), COMPLETED))
                .isInstanceOf(ExecutionCompletedEvent.class);
        assertThat(BY_TOPIC.readChecked(TestEvents.bytes(TestEvents.failed("exec-1", "script_error")), FAILED))
                .isInstanceOf(ExecutionFailedEvent.class);
        assertThat(BY_TOPIC.readChecked(TestEvents.bytes(TestEvents.timeout("exec-1", 30)), TIMEOUT))
                .isInstanceOf(ExecutionTimeoutEvent.class);
        assertThat(BY_TOPIC.readChecked(null, COMPLETED)).isNull();
    }

    @Test
    void anEventOfItsTopicIsReadStraightIntoItsType() {
        Object read = BY_TOPIC.read(TestEvents.bytes(TestEvents.completed("exec-1", 3, "out", "")), COMPLETED);
        assertThat(read).isInstanceOf(ExecutionCompletedEvent.class);
        assertThat(BY_TOPIC.completed(read).exitCode()).isEqualTo(3);
    }

    @Test
    void anEventOfAnotherTopicIsReadAsATreeAndRefused() {
        Object read = BY_TOPIC.read(TestEvents.bytes(TestEvents.failed("exec-1", "script_error")), COMPLETED);
        assertThat(read).isNotInstanceOf(ExecutionEvent.class);
        assertThat(BY_TOPIC.eventType(read)).isEqualTo(FAILED);
    }

    @Test
    void deepNestingInAFieldTheEventDoesNotHaveIsStillRefused() {
        byte[] value = withRawField(TestEvents.completed("exec-1", 0, "", ""), "\"junk\":" + "[".repeat(100) + "]".repeat(100));
        assertThat(outcome(BY_TOPIC, COMPLETED, value)).startsWith("poison: ").contains("nesting");
    }

    /** What the route makes of a value: the typed event (as text), or the poison's reason. */
    private static String outcome(EventReader reader, String topic, byte[] value) {
        try {
            Object read = reader.read(value, topic);
            String type = reader.eventType(read);
            ExecutionEvent event;
            if (type.equals(COMPLETED) && topic.equals(COMPLETED)) {
                event = reader.completed(read);
            } else if (type.equals(FAILED) && topic.equals(FAILED)) {
                event = reader.failed(read);
            } else if (type.equals(TIMEOUT) && topic.equals(TIMEOUT)) {
                event = reader.timeout(read);
            } else {
                return "poison: event_type '" + type + "' does not match topic '" + topic + "'";
            }
            return event.toString();
        } catch (PoisonRecordException e) {
            return "poison: " + e.getMessage();
        }
    }

    private static Arguments value(String name, String topic, ObjectNode event) {
        return Arguments.of(name, topic, TestEvents.bytes(event));
    }

    private static Arguments raw(String name, String topic, String json) {
        return Arguments.of(name, topic, json.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode without(ObjectNode event, String field) {
        event.remove(field);
        return event;
    }

    private static ObjectNode withObject(ObjectNode event, String field) {
        event.putObject(field).put("a", 1);
        return event;
    }

    private static byte[] withRawField(ObjectNode event, String rawField) {
        String json = new String(TestEvents.bytes(event), StandardCharsets.ISO_8859_1);
        return (json.substring(0, json.lastIndexOf('}')) + "," + rawField + "}").getBytes(StandardCharsets.ISO_8859_1);
    }
}
