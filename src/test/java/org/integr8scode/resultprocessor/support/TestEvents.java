package org.integr8scode.resultprocessor.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Events shaped like the contract's examples (src/test/resources/contract-examples), for a given execution. */
public final class TestEvents {

    public static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {
    }

    /** The contract's example file as it is. */
    public static ObjectNode example(String name) {
        try (InputStream in = TestEvents.class.getResourceAsStream("/contract-examples/" + name + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example of the event type, re-addressed to another execution with a fresh event_id. */
    public static ObjectNode of(String exampleName, String executionId) {
        ObjectNode event = example(exampleName);
        event.put("event_id", UUID.randomUUID().toString());
        event.put("execution_id", executionId);
        event.put("aggregate_id", executionId);
        return event;
    }

    public static ObjectNode completed(String executionId, int exitCode, String stdout, String stderr) {
        return of("execution_completed", executionId).put("exit_code", exitCode).put("stdout", stdout).put("stderr", stderr);
    }

    public static ObjectNode failed(String executionId, String errorType) {
        return of("execution_failed", executionId).put("error_type", errorType);
    }

    public static ObjectNode timeout(String executionId, int timeoutSeconds) {
        return of("execution_timeout", executionId).put("timeout_seconds", timeoutSeconds);
    }

    public static String newExecutionId() {
        return UUID.randomUUID().toString();
    }

    public static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
