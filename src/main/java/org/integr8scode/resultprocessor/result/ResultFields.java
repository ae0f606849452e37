package org.integr8scode.resultprocessor.result;

import java.util.List;

/** Field names and statuses of the {@code execution_results} and {@code executions} documents (contract §2). */
public final class ResultFields {

    public static final String ID = "_id";
    public static final String EXECUTION_ID = "execution_id";
    public static final String STATUS = "status";
    public static final String EXIT_CODE = "exit_code";
    public static final String ERROR_TYPE = "error_type";
    public static final String TIMEOUT_SECONDS = "timeout_seconds";
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";
    public static final String OUTPUT_TRUNCATED = "output_truncated";
    public static final String RESOURCE_USAGE = "resource_usage";
    public static final String DURATION_SECONDS = "duration_seconds";
    public static final String PEAK_MEMORY_MIB = "peak_memory_mib";
    public static final String SIZE_BYTES = "size_bytes";
    public static final String USER_ID = "user_id";
    public static final String LANG = "lang";
    public static final String LANG_VERSION = "lang_version";
    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String EVENT_TIMESTAMP = "event_timestamp";
    public static final String STORED_AT = "stored_at";
    public static final String UPDATED_AT = "updated_at";

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String TIMEOUT = "timeout";

    /** The statuses of an execution that is still active: only these are ever overwritten. */
    public static final List<String> ACTIVE_STATUSES = List.of("queued", "scheduled", "running");

    private ResultFields() {
    }
}
