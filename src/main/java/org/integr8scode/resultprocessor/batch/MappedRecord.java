package org.integr8scode.resultprocessor.batch;

import org.integr8scode.resultprocessor.trace.RecordTrace;
import org.integr8scode.resultprocessor.result.PendingResult;

/**
 * A record of a batch, mapped: its pending result, and what its result event carries over: the correlation_id and
 * the trace.
 */
public record MappedRecord(PendingResult pending, Object correlationId, RecordTrace trace) {

    /** A record without trace context. */
    public MappedRecord(PendingResult pending, Object correlationId) {
        this(pending, correlationId, RecordTrace.NONE);
    }

    public String executionId() {
        return pending.executionId();
    }
}
