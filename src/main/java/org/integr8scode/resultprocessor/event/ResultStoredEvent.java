package org.integr8scode.resultprocessor.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Published once the result is durably stored; describes the stored result, whichever event produced it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResultStoredEvent(
        String eventId, String eventType, String eventVersion, String timestamp, String aggregateId,
        EventMetadata metadata, String executionId, String status, String storageType, String storagePath,
        long sizeBytes) implements ResultEvent {

    public static final String TYPE = "result_stored";
}
