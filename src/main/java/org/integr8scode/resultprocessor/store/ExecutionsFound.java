package org.integr8scode.resultprocessor.store;

import static org.integr8scode.resultprocessor.result.ResultFields.ACTIVE_STATUSES;
import static org.integr8scode.resultprocessor.result.ResultFields.EXECUTION_ID;
import static org.integr8scode.resultprocessor.result.ResultFields.LANG;
import static org.integr8scode.resultprocessor.result.ResultFields.LANG_VERSION;
import static org.integr8scode.resultprocessor.result.ResultFields.STATUS;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

/**
 * The answer of the executions look-up: which of a batch's executions {@code executions} holds (with their
 * {@code <lang>-<lang_version>}, the metrics' label) and which of those are still active. A terminal status never
 * changes, so only the active ones are updated.
 */
public record ExecutionsFound(Map<String, String> langAndVersion, Set<String> active) {

    public static ExecutionsFound of(List<Document> executions) {
        Map<String, String> known = new HashMap<>();
        Set<String> active = new HashSet<>();
        for (Document execution : executions) {
            String id = execution.getString(EXECUTION_ID);
            known.put(id, orUnknown(execution.get(LANG)) + "-" + orUnknown(execution.get(LANG_VERSION)));
            if (ACTIVE_STATUSES.contains(execution.getString(STATUS))) {
                active.add(id);
            }
        }
        return new ExecutionsFound(Map.copyOf(known), Set.copyOf(active));
    }

    public boolean isActive(String executionId) {
        return active.contains(executionId);
    }

    /** {@code <lang>-<lang_version>}, or null where {@code executions} does not hold the execution. */
    public String langAndVersionOf(String executionId) {
        return langAndVersion.get(executionId);
    }

    private static String orUnknown(Object value) {
        return value == null || value.toString().isEmpty() ? "unknown" : value.toString();
    }
}
