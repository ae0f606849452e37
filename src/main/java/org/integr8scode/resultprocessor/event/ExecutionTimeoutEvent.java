package org.integr8scode.resultprocessor.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The script ran past its time limit and was stopped. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExecutionTimeoutEvent(
        String eventId, String eventType, String eventVersion, String timestamp, String aggregateId,
        EventMetadata metadata, String executionId, Integer timeoutSeconds, ResourceUsage resourceUsage,
        String stdout, String stderr) implements ExecutionEvent {

    public static final String TYPE = "execution_timeout";
}
