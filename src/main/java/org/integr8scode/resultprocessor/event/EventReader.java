package org.integr8scode.resultprocessor.event;

import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Turns a record value, read as JSON, into a typed, valid event, or refuses it as
 * poison (contract §1): no value, not a JSON object, a required field missing, a value of the wrong type or out of
 * range, or an execution_id outside its form.
 */
public class EventReader {

    private static final Pattern EXECUTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The variable the record's value, read as JSON, is kept in while the router routes on its event_type. */
    public static final String EVENT = "event";

    private final ObjectMapper mapper;

    public EventReader(ObjectMapper strictEventMapper) {
        this.mapper = strictEventMapper;
    }

    /**
     * The record's value as JSON, read with the strict event mapper: no value (a tombstone), an empty one or one that
     * is not valid UTF-8 JSON is poison. One typed step, where a data format and its error handling would be three
     * steps a record.
     */
    public JsonNode read(@Body byte[] value) {
        if (value == null) {
            throw new PoisonRecordException("the record has a null value");
        }
        if (value.length == 0) {
            throw new PoisonRecordException("the record has an empty value");
        }
        try {
            return mapper.readValue(value, JsonNode.class);
        } catch (IOException e) {
            throw new PoisonRecordException("the value is not valid UTF-8 JSON: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** The event's {@code event_type}, which the content-based router routes on. */
    public String eventType(@Body JsonNode event) {
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

    public ExecutionCompletedEvent completed(@Variable(EVENT) JsonNode tree) {
        ExecutionCompletedEvent event = convert(tree, ExecutionCompletedEvent.class);
        requireCommon(event);
        require(event.exitCode() != null, "exit_code");
        return event;
    }

    public ExecutionFailedEvent failed(@Variable(EVENT) JsonNode tree) {
        ExecutionFailedEvent event = convert(tree, ExecutionFailedEvent.class);
        requireCommon(event);
        if (event.errorType() == null || event.errorType().isEmpty()) {
            throw new PoisonRecordException("the required field error_type is missing or empty");
        }
        return event;
    }

    public ExecutionTimeoutEvent timeout(@Variable(EVENT) JsonNode tree) {
        ExecutionTimeoutEvent event = convert(tree, ExecutionTimeoutEvent.class);
        requireCommon(event);
        require(event.timeoutSeconds() != null, "timeout_seconds");
        if (event.timeoutSeconds() < 0) {
            throw new PoisonRecordException("timeout_seconds must be 0 or more, not " + event.timeoutSeconds());
        }
        return event;
    }

    private <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return mapper.treeToValue(tree, type);
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
