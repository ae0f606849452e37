package org.integr8scode.resultprocessor.store;

import static org.integr8scode.resultprocessor.result.ResultFields.*;

import java.time.Clock;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.integr8scode.resultprocessor.result.PendingResult;

/**
 * The bodies of the MongoDB operations the store-result route sends through camel-mongodb: the look-up of the
 * execution, the insert-if-absent of the result, and the guarded status update.
 */
public class ResultWrites {

    private final Clock clock;

    public ResultWrites(Clock clock) {
        this.clock = clock;
    }

    /** {@code executions} filter of the execution: its unique index serves it. */
    public Bson executionLookup(PendingResult pending) {
        return Filters.eq(EXECUTION_ID, pending.executionId());
    }

    /** Inserts the result unless the execution already has one: the first terminal event stored wins. */
    public List<Bson> insertIfAbsent(PendingResult pending) {
        return List.of(Filters.eq(ID, pending.executionId()), new Document("$setOnInsert", pending.resultDocument()));
    }

    /** Upsert, and answer the document as it was before: null when this call stored it. Output left out. */
    public FindOneAndUpdateOptions insertIfAbsentOptions() {
        return new FindOneAndUpdateOptions()
                .upsert(true)
                .returnDocument(ReturnDocument.BEFORE)
                .projection(Projections.exclude(STDOUT, STDERR));
    }

    /** The result that holds for the execution: the one found, or ours when nothing was there. */
    public StoredResult storedResult(Document before, PendingResult pending) {
        return before != null ? StoredResult.of(before, false) : StoredResult.of(pending.resultDocument(), true);
    }

    /**
     * Sets the terminal status of {@code executions} from the stored result, and only while the execution is
     * still active: a later or repeated terminal event never overwrites a terminal status.
     */
    public List<Bson> statusUpdate(StoredResult stored) {
        Bson stillActive = Filters.and(Filters.eq(EXECUTION_ID, stored.executionId()), Filters.in(STATUS, ACTIVE_STATUSES));
        Bson terminal = Updates.combine(
                Updates.set(STATUS, stored.status()),
                Updates.set(EXIT_CODE, stored.exitCode()),
                Updates.set(ERROR_TYPE, stored.errorType()),
                Updates.set(RESOURCE_USAGE, stored.resourceUsage()),
                Updates.set(UPDATED_AT, Date.from(clock.instant())));
        return List.of(stillActive, terminal);
    }
}
