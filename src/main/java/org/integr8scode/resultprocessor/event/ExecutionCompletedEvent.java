package org.integr8scode.resultprocessor.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The script ran to its end; a script that raised is still completed, with its non-zero exit code. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExecutionCompletedEvent(
        String eventId, String eventType, String eventVersion, String timestamp, String aggregateId,
        EventMetadata metadata, String executionId, Integer exitCode, ResourceUsage resourceUsage,
        String stdout, String stderr) implements ExecutionEvent {

    public static final String TYPE = "execution_completed";
}
