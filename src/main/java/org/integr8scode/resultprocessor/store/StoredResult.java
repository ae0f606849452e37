package org.integr8scode.resultprocessor.store;

import static org.integr8scode.resultprocessor.result.ResultFields.*;

import org.bson.Document;

/**
 * The execution's result as {@code execution_results} holds it: the first terminal event stored wins, so this
 * is what the status update and the result event describe, whichever event is being processed. Its output
 * ({@code stdout}, {@code stderr}, as cut) is null where it was read back without it.
 */
public record StoredResult(String executionId, String status, Integer exitCode, String errorType,
                           Document resourceUsage, long sizeBytes, Double durationSeconds, Double peakMemoryMib,
                           String stdout, String stderr, boolean storedNow) {

    static StoredResult of(Document stored, boolean storedNow) {
        Number sizeBytes = stored.get(SIZE_BYTES, Number.class);
        Number duration = stored.get(DURATION_SECONDS, Number.class);
        Number memory = stored.get(PEAK_MEMORY_MIB, Number.class);
        Number exitCode = stored.get(EXIT_CODE, Number.class);
        return new StoredResult(stored.getString(EXECUTION_ID), stored.getString(STATUS),
                exitCode != null ? exitCode.intValue() : null, stored.getString(ERROR_TYPE),
                stored.get(RESOURCE_USAGE, Document.class), sizeBytes != null ? sizeBytes.longValue() : 0L,
                duration != null ? duration.doubleValue() : null, memory != null ? memory.doubleValue() : null,
                stored.getString(STDOUT), stored.getString(STDERR), storedNow);
    }

    /** The same result, as found by an event that came after the one that stored it. */
    StoredResult asFound() {
        return storedNow ? new StoredResult(executionId, status, exitCode, errorType, resourceUsage, sizeBytes,
                durationSeconds, peakMemoryMib, stdout, stderr, false) : this;
    }
}
