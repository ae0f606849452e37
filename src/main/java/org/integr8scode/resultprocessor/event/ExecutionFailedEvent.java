package org.integr8scode.resultprocessor.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The infrastructure failed the execution (evicted, image pull, ...). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExecutionFailedEvent(
        String eventId, String eventType, String eventVersion, String timestamp, String aggregateId,
        EventMetadata metadata, String executionId, Integer exitCode, String errorType,
        ResourceUsage resourceUsage, String stdout, String stderr) implements ExecutionEvent {

    public static final String TYPE = "execution_failed";
    public static final int DEFAULT_EXIT_CODE = 1;
}
