package org.integr8scode.resultprocessor.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.integr8scode.resultprocessor.event.EventMetadata;
import org.integr8scode.resultprocessor.event.ResultFailedEvent;
import org.integr8scode.resultprocessor.event.ResultStoredEvent;
import org.integr8scode.resultprocessor.result.PendingResult;
import org.integr8scode.resultprocessor.store.StoredResult;

/** Builds the result events (contract §1, outputs). Pure: the time and the version are given. */
public class ResultEvents {

    public static final String SERVICE_NAME = "result-processor";
    public static final String EVENT_VERSION = "1.0";
    public static final String STORAGE_TYPE = "database";
    public static final String DEFAULT_ENVIRONMENT = "production";
    public static final String EXECUTION_NOT_FOUND = "execution_not_found";

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String serviceVersion;

    public ResultEvents(String serviceVersion) {
        this.serviceVersion = serviceVersion;
    }

    /**
     * The same for every result event of one type and execution, so consumers can drop repeats: a name-based
     * (version 3) UUID of {@code "<event_type>:<execution_id>"}.
     */
    public static String eventId(String eventType, String executionId) {
        return UUID.nameUUIDFromBytes((eventType + ":" + executionId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** result_stored, describing the stored result (which may come from an earlier event). */
    public ResultStoredEvent stored(StoredResult stored, PendingResult pending, Instant createdAt) {
        String executionId = stored.executionId();
        return new ResultStoredEvent(eventId(ResultStoredEvent.TYPE, executionId), ResultStoredEvent.TYPE,
                EVENT_VERSION, TIMESTAMP.format(createdAt), executionId, metadata(pending), executionId, stored.status(), STORAGE_TYPE,
                executionId, stored.sizeBytes());
    }

    /** result_failed for an event whose execution the API does not know: its result is stored all the same. */
    public ResultFailedEvent executionNotFound(PendingResult pending, Instant createdAt) {
        return failed(pending, EXECUTION_NOT_FOUND, "no execution with execution_id " + pending.executionId(), createdAt);
    }

    /** result_failed for an event that cannot be stored for a reason retrying will not fix. */
    public ResultFailedEvent failed(PendingResult pending, String reason, String error, Instant createdAt) {
        String executionId = pending.executionId();
        return new ResultFailedEvent(eventId(ResultFailedEvent.TYPE, executionId), ResultFailedEvent.TYPE,
                EVENT_VERSION, TIMESTAMP.format(createdAt), executionId, metadata(pending), executionId, null, reason, error);
    }

    private EventMetadata metadata(PendingResult pending) {
        EventMetadata input = pending.event().metadata();
        String userId = input != null ? input.userId() : null;
        String environment = input != null && input.environment() != null ? input.environment() : DEFAULT_ENVIRONMENT;
        return new EventMetadata(SERVICE_NAME, serviceVersion, userId, environment);
    }
}
