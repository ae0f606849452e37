package org.integr8scode.resultprocessor.store;

import static org.integr8scode.resultprocessor.result.ResultFields.*;

import java.time.Clock;
import java.util.Collection;
import java.util.Date;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.integr8scode.resultprocessor.result.PendingResult;

/**
 * The MongoDB operations of a batch: the look-up of its executions, the insert-if-absent of each result, and the
 * guarded status updates.
 */
public class ResultWrites {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final Clock clock;

    public ResultWrites(Clock clock) {
        this.clock = clock;
    }

    /** {@code executions} filter of the batch's executions, by the field of their unique index. */
    public Bson executionsLookup(Collection<String> executionIds) {
        return Filters.in(EXECUTION_ID, executionIds);
    }

    /**
     * What a batch needs of an execution: that it exists, whether it is still active (only then is its status
     * updated), and its language for the metrics' labels.
     */
    public Bson executionLookupFields() {
        return Projections.include(EXECUTION_ID, STATUS, LANG, LANG_VERSION);
    }

    /** {@code execution_results} filter of results already there, by {@code _id}. */
    public Bson resultsLookup(Collection<String> executionIds) {
        return Filters.in(ID, executionIds);
    }

    /**
     * What is read back of results that were there already: without their output, which only the status update of
     * a still active execution needs (after a crash between the two writes), and then with it.
     */
    public Bson readBackFields(boolean withOutput) {
        return withOutput ? Projections.exclude() : Projections.exclude(STDOUT, STDERR);
    }

    /** Inserts the result unless the execution already has one: the first terminal event stored wins. */
    public UpdateOneModel<Document> insertIfAbsent(PendingResult pending) {
        return new UpdateOneModel<>(Filters.eq(ID, pending.executionId()),
                new Document("$setOnInsert", pending.resultDocument()), UPSERT);
    }

    /**
     * Sets the terminal status of {@code executions} from the stored result, and only while the execution is
     * still active: a later or repeated terminal event never overwrites a terminal status. The output goes with it,
     * exactly as stored (cut to the same budget): the API reads a finished execution's output from here.
     */
    public UpdateOneModel<Document> statusUpdate(StoredResult stored) {
        Bson stillActive = Filters.and(Filters.eq(EXECUTION_ID, stored.executionId()), Filters.in(STATUS, ACTIVE_STATUSES));
        Bson terminal = Updates.combine(
                Updates.set(STATUS, stored.status()),
                Updates.set(EXIT_CODE, stored.exitCode()),
                Updates.set(ERROR_TYPE, stored.errorType()),
                Updates.set(RESOURCE_USAGE, stored.resourceUsage()),
                Updates.set(STDOUT, stored.stdout()),
                Updates.set(STDERR, stored.stderr()),
                Updates.set(UPDATED_AT, Date.from(clock.instant())));
        return new UpdateOneModel<>(stillActive, terminal);
    }
}
