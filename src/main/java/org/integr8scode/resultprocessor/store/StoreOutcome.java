package org.integr8scode.resultprocessor.store;

import org.integr8scode.resultprocessor.batch.MappedRecord;

/**
 * What storing one record of a batch came to: the result that holds for its execution and whether
 * {@code executions} knows the execution; or, when MongoDB refused the result for good, why.
 */
public record StoreOutcome(MappedRecord record, StoredResult stored, boolean executionFound, String rejection) {

    static StoreOutcome of(MappedRecord record, StoredResult stored, boolean executionFound) {
        return new StoreOutcome(record, stored, executionFound, null);
    }

    static StoreOutcome refused(MappedRecord record, String rejection) {
        return new StoreOutcome(record, null, false, rejection);
    }

    public boolean rejected() {
        return rejection != null;
    }

    public String executionId() {
        return record.executionId();
    }
}
