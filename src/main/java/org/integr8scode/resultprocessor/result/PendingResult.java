package org.integr8scode.resultprocessor.result;

import org.bson.Document;
import org.integr8scode.resultprocessor.event.ExecutionEvent;

/** An event and the {@code execution_results} document it would store if it is the first for its execution. */
public record PendingResult(ExecutionEvent event, Document resultDocument) {

    public String executionId() {
        return event.executionId();
    }
}
