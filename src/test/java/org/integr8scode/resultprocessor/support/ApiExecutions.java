package org.integr8scode.resultprocessor.support;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * The API's side of the {@code executions} collection: the document the API inserts when a script is queued, before
 * any terminal event of it exists. The one place that says what the API writes, for the tests, the embedded run,
 * the image check and the benchmark.
 */
public final class ApiExecutions {

    /** As the API fills it in; metrics are labelled with {@code <lang>-<lang_version>}. */
    public static final String LANG = "python";
    public static final String LANG_VERSION = "3.12";
    public static final String USER_ID = "7d4f2b10-1c3e-4f5a-9b8d-0e6c2a4f1b3d";
    public static final String SCRIPT = "print('hello')";

    private static final int INSERT_PART = 1000;

    private ApiExecutions() {
    }

    /** A queued execution's document, created and updated now. */
    public static Document queued(String executionId, String lang, String langVersion) {
        Date now = Date.from(Instant.now());
        return new Document("execution_id", executionId).append("status", "queued").append("script", SCRIPT)
                .append("lang", lang).append("lang_version", langVersion).append("user_id", USER_ID)
                .append("created_at", now).append("updated_at", now);
    }

    public static Document queued(String executionId) {
        return queued(executionId, LANG, LANG_VERSION);
    }

    /** The queued documents of these executions, inserted as the API would have inserted them one by one. */
    public static void insertQueued(MongoCollection<Document> executions, List<String> executionIds) {
        for (int from = 0; from < executionIds.size(); from += INSERT_PART) {
            executions.insertMany(executionIds.subList(from, Math.min(executionIds.size(), from + INSERT_PART))
                    .stream().map(ApiExecutions::queued).toList());
        }
    }
}
