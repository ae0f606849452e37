package org.integr8scode.resultprocessor.result;

import static org.integr8scode.resultprocessor.result.ResultFields.*;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.integr8scode.resultprocessor.event.EventMetadata;
import org.integr8scode.resultprocessor.event.EventTimestamp;
import org.integr8scode.resultprocessor.event.ExecutionCompletedEvent;
import org.integr8scode.resultprocessor.event.ExecutionEvent;
import org.integr8scode.resultprocessor.event.ExecutionFailedEvent;
import org.integr8scode.resultprocessor.event.ExecutionTimeoutEvent;
import org.integr8scode.resultprocessor.event.ResourceUsage;

/**
 * The pure mapping from a terminal event to the {@code execution_results} document it would store: one method
 * per event type, as the content-based router calls them, holding the contract's status table. No I/O.
 */
public class ResultMapping {

    private static final double KIB_PER_MIB = 1024.0;

    private final OutputBudget outputBudget;
    private final Clock clock;

    public ResultMapping(OutputBudget outputBudget, Clock clock) {
        this.outputBudget = outputBudget;
        this.clock = clock;
    }

    /** The result of an event of any of the three types, by the mapping of its type. */
    public PendingResult of(ExecutionEvent event) {
        if (event instanceof ExecutionCompletedEvent completed) {
            return completed(completed);
        }
        if (event instanceof ExecutionFailedEvent failed) {
            return failed(failed);
        }
        return timeout((ExecutionTimeoutEvent) event);
    }

    /** completed: the script's own exit code, no error type. */
    public PendingResult completed(ExecutionCompletedEvent event) {
        return pending(event, COMPLETED, event.exitCode(), null, null);
    }

    /** failed: the event's exit code (1 when absent) and error type, an unknown one stored as received. */
    public PendingResult failed(ExecutionFailedEvent event) {
        int exitCode = event.exitCode() != null ? event.exitCode() : ExecutionFailedEvent.DEFAULT_EXIT_CODE;
        return pending(event, FAILED, exitCode, event.errorType(), null);
    }

    /** timeout: exit code -1, error type {@code timeout}, and the limit that was hit. */
    public PendingResult timeout(ExecutionTimeoutEvent event) {
        return pending(event, TIMEOUT, -1, TIMEOUT, event.timeoutSeconds());
    }

    private PendingResult pending(ExecutionEvent event, String status, int exitCode, String errorType,
                                  Integer timeoutSeconds) {
        Instant timestamp = EventTimestamp.of(event);
        String stdout = event.stdout() != null ? event.stdout() : "";
        String stderr = event.stderr() != null ? event.stderr() : "";
        OutputBudget.FittedOutput output = outputBudget.fit(stdout, stderr);
        ResourceUsage usage = event.resourceUsage();
        EventMetadata metadata = event.metadata();

        Document result = new Document(ID, event.executionId())
                .append(EXECUTION_ID, event.executionId())
                .append(STATUS, status)
                .append(EXIT_CODE, exitCode)
                .append(ERROR_TYPE, errorType);
        if (timeoutSeconds != null) {
            result.append(TIMEOUT_SECONDS, timeoutSeconds);
        }
        result.append(STDOUT, output.stdout())
                .append(STDERR, output.stderr())
                .append(OUTPUT_TRUNCATED, output.truncated())
                .append(RESOURCE_USAGE, resourceUsageDocument(usage))
                .append(DURATION_SECONDS, usage != null ? usage.executionTimeWallSeconds() : null)
                .append(PEAK_MEMORY_MIB, usage != null ? usage.peakMemoryKb() / KIB_PER_MIB : null)
                .append(SIZE_BYTES, OutputBudget.utf8Length(stdout) + OutputBudget.utf8Length(stderr))
                .append(USER_ID, metadata != null ? metadata.userId() : null)
                .append(EVENT_ID, event.eventId())
                .append(EVENT_TYPE, event.eventType())
                .append(EVENT_TIMESTAMP, timestamp != null ? Date.from(timestamp) : null)
                .append(STORED_AT, Date.from(clock.instant()));
        return new PendingResult(event, result);
    }

    /** resource_usage as received with its absent fields as 0, or null when the event has none. */
    static Document resourceUsageDocument(ResourceUsage usage) {
        if (usage == null) {
            return null;
        }
        return new Document("execution_time_wall_seconds", usage.executionTimeWallSeconds())
                .append("cpu_time_jiffies", usage.cpuTimeJiffies())
                .append("clk_tck_hertz", usage.clkTckHertz())
                .append("peak_memory_kb", usage.peakMemoryKb());
    }
}
