package org.integr8scode.resultprocessor.batch;

import org.integr8scode.resultprocessor.result.PendingResult;

/** A record of a batch, mapped: its pending result, and the correlation_id its result event carries over. */
public record MappedRecord(PendingResult pending, Object correlationId) {

    public String executionId() {
        return pending.executionId();
    }
}
