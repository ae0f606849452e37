package org.integr8scode.resultprocessor.store;

import org.integr8scode.resultprocessor.batch.MappedRecord;

/**
 * What storing one record of a batch came to: the result that holds for its execution and, when {@code executions}
 * knows the execution, its {@code <lang>-<lang_version>} (null when it does not); or, when MongoDB refused the
 * result for good, why.
 */
public record StoreOutcome(MappedRecord record, StoredResult stored, String langAndVersion, String rejection) {

    static StoreOutcome of(MappedRecord record, StoredResult stored, String langAndVersion) {
        return new StoreOutcome(record, stored, langAndVersion, null);
    }

    static StoreOutcome refused(MappedRecord record, String rejection) {
        return new StoreOutcome(record, null, null, rejection);
    }

    /** Whether {@code executions} holds the execution. */
    public boolean executionFound() {
        return langAndVersion != null;
    }

    public boolean rejected() {
        return rejection != null;
    }

    public String executionId() {
        return record.executionId();
    }
}
