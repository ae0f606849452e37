package org.integr8scode.resultprocessor.event;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * Turns a record value, read as JSON, into a typed, valid event, or refuses it as
 * poison (contract §1): no value, not a JSON object, a required field missing, a value of the wrong type or out of
 * range, or an execution_id outside its form.
 * <p>
 * A value is read once, straight into the event its topic carries; only a value that does not read so (poison, or
 * an event on the wrong topic) is read again, as a JSON tree, for the router and the steps after it to say exactly
 * what is wrong with it. Either way the same values are taken and refused, with the same reasons.
 */
public class EventReader {

    private static final Pattern EXECUTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The variable the record's value, read as JSON, is kept in while the router routes on its event_type. */
    public static final String EVENT = "event";

    private final ObjectMapper mapper;
    /** The event each input topic carries, with its event_type. */
    private final Map<String, TopicEvent> topicEvents;

    private record TopicEvent(Class<? extends ExecutionEvent> type, String eventType) {
    }

    /** A reader that reads every value as a JSON tree first. */
    public EventReader(ObjectMapper strictEventMapper) {
        this(strictEventMapper, Map.of());
    }

    public EventReader(ObjectMapper strictEventMapper, String completedTopic, String failedTopic, String timeoutTopic) {
        this(strictEventMapper, topicEvents(completedTopic, failedTopic, timeoutTopic));
    }

    private static Map<String, TopicEvent> topicEvents(String completedTopic, String failedTopic, String timeoutTopic) {
        // one topic named for two types (a misconfiguration) is read as the first; the rest of its events as trees
        Map<String, TopicEvent> events = new HashMap<>();
        events.putIfAbsent(completedTopic, new TopicEvent(ExecutionCompletedEvent.class, ExecutionCompletedEvent.TYPE));
        events.putIfAbsent(failedTopic, new TopicEvent(ExecutionFailedEvent.class, ExecutionFailedEvent.TYPE));
        events.putIfAbsent(timeoutTopic, new TopicEvent(ExecutionTimeoutEvent.class, ExecutionTimeoutEvent.TYPE));
        return Map.copyOf(events);
    }

    private EventReader(ObjectMapper strictEventMapper, Map<String, TopicEvent> topicEvents) {
        this.mapper = strictEventMapper;
        this.topicEvents = topicEvents;
    }

    /**
     * The record's value, read with the strict event mapper: the typed event its topic carries, where it reads as one
     * with that event_type, or else its JSON tree; no value (a tombstone), an empty one or one that is not valid
     * UTF-8 JSON is poison. One typed step, where a data format and its error handling would be three steps a record.
     */
    public Object read(@Body byte[] value, @Header("kafka.TOPIC") String topic) {
        if (value == null) {
            throw new PoisonRecordException("the record has a null value");
        }
        if (value.length == 0) {
            throw new PoisonRecordException("the record has an empty value");
        }
        ExecutionEvent typed = readAsItsTopicCarries(value, topic);
        return typed != null ? typed : readTree(value);
    }

    /**
     * The value as the event its topic carries, with that event_type, checked as its typed step below checks it;
     * null where it is anything else, for {@link #read} and the router to judge.
     */
    public ExecutionEvent readChecked(byte[] value, String topic) {
        ExecutionEvent event = value == null || value.length == 0 ? null : readAsItsTopicCarries(value, topic);
        try {
            if (event instanceof ExecutionCompletedEvent completed) {
                return completed(completed);
            }
            if (event instanceof ExecutionFailedEvent failed) {
                return failed(failed);
            }
            if (event instanceof ExecutionTimeoutEvent timeout) {
                return timeout(timeout);
            }
            return null;
        } catch (PoisonRecordException e) {
            return null;
        }
    }

    /** The value as the event its topic carries, with that event_type; null where it does not read so. */
    private ExecutionEvent readAsItsTopicCarries(byte[] value, String topic) {
        TopicEvent expected = topic == null ? null : topicEvents.get(topic);
        if (expected == null) {
            return null;
        }
        try {
            ExecutionEvent event = mapper.readValue(value, expected.type());
            return event != null && expected.eventType().equals(event.eventType()) ? event : null;
        } catch (IOException e) {
            return null;
        }
    }

    private JsonNode readTree(byte[] value) {
        try {
            return mapper.readValue(value, JsonNode.class);
        } catch (IOException e) {
            throw new PoisonRecordException("the value is not valid UTF-8 JSON: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** The event's {@code event_type}, which the content-based router routes on. */
    public String eventType(@Body Object read) {
        if (read instanceof ExecutionEvent typed) {
            return typed.eventType();
        }
        JsonNode event = (JsonNode) read;
        if (event == null || !event.isObject()) {
            throw new PoisonRecordException("the value is not a JSON object but " + describe(event));
        }
        JsonNode type = event.get("event_type");
        if (type == null || type.isNull()) {
            throw new PoisonRecordException("the required field event_type is missing");
        }
        if (!type.isTextual()) {
            throw new PoisonRecordException("event_type must be a string, not " + describe(type));
        }
        return type.textValue();
    }

    public ExecutionCompletedEvent completed(@Variable(EVENT) Object read) {
        ExecutionCompletedEvent event = convert(read, ExecutionCompletedEvent.class);
        requireCommon(event);
        require(event.exitCode() != null, "exit_code");
        return event;
    }

    public ExecutionFailedEvent failed(@Variable(EVENT) Object read) {
        ExecutionFailedEvent event = convert(read, ExecutionFailedEvent.class);
        requireCommon(event);
        if (event.errorType() == null || event.errorType().isEmpty()) {
            throw new PoisonRecordException("the required field error_type is missing or empty");
        }
        return event;
    }

    public ExecutionTimeoutEvent timeout(@Variable(EVENT) Object read) {
        ExecutionTimeoutEvent event = convert(read, ExecutionTimeoutEvent.class);
        requireCommon(event);
        require(event.timeoutSeconds() != null, "timeout_seconds");
        if (event.timeoutSeconds() < 0) {
            throw new PoisonRecordException("timeout_seconds must be 0 or more, not " + event.timeoutSeconds());
        }
        return event;
    }

    private <T> T convert(Object read, Class<T> type) {
        if (type.isInstance(read)) {
            return type.cast(read);
        }
        try {
            return mapper.treeToValue((JsonNode) read, type);
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("the event does not fit " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static void requireCommon(ExecutionEvent event) {
        require(event.executionId() != null, "execution_id");
        if (!EXECUTION_ID.matcher(event.executionId()).matches()) {
            throw new PoisonRecordException("execution_id must be 1 to 64 characters of [A-Za-z0-9_-], not '"
                    + abbreviate(event.executionId()) + "'");
        }
        // its timestamp is read where the result is mapped (EventTimestamp), once
    }

    private static void require(boolean present, String field) {
        if (!present) {
            throw new PoisonRecordException("the required field " + field + " is missing");
        }
    }

    private static String describe(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
