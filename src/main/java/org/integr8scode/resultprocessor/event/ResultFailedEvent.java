package org.integr8scode.resultprocessor.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Published instead of result_stored when a well-formed event cannot be stored for good. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResultFailedEvent(
        String eventId, String eventType, String eventVersion, String timestamp, String aggregateId,
        EventMetadata metadata, String executionId, String storageType, String reason, String error)
        implements ResultEvent {

    public static final String TYPE = "result_failed";
}
