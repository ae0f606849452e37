package org.integr8scode.resultprocessor.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.WriteModel;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.integr8scode.resultprocessor.batch.MappedBatch;
import org.integr8scode.resultprocessor.batch.MappedRecord;
import org.integr8scode.resultprocessor.result.ResultFields;

/**
 * Builds the requests of a batch's MongoDB round trips from the batch and the answers before them, for the
 * {@code mongodb:} endpoints of the {@code store-batch} route and its sub-routes, and the batch's outcomes from all
 * the answers at the end. Each answer is a variable of its own, read, never changed: {@value #EXECUTIONS} (the
 * executions look-up), {@value #INSERTED} (the results' insert-if-absent), {@value #READ_BACK} (the results that were
 * there already; absent when none were) and {@value #UPDATED} (the guarded status updates). Every write is
 * idempotent, so a batch that failed half-way is simply stored again.
 */
public class ResultBatchStore {

    public static final String EXECUTIONS = "executions";
    public static final String INSERTED = "inserted";
    public static final String READ_BACK = "readBack";
    public static final String UPDATED = "updated";

    private final ResultWrites writes;

    public ResultBatchStore(ResultWrites writes) {
        this.writes = writes;
    }

    public BatchToStore toStore(@Body MappedBatch batch) {
        return BatchToStore.of(batch);
    }

    public Bson executionsLookup(@Body BatchToStore batch) {
        return writes.executionsLookup(batch.firstOfEach().keySet());
    }

    public ExecutionsFound executionsFound(@Body List<Document> executions) {
        return ExecutionsFound.of(executions);
    }

    /** Each execution's first result, inserted unless the execution has one already. */
    public List<WriteModel<Document>> resultInserts(@Body BatchToStore batch) {
        List<WriteModel<Document>> inserts = new ArrayList<>(batch.firstOfEach().size());
        batch.firstOfEach().values().forEach(pending -> inserts.add(writes.insertIfAbsent(pending)));
        return inserts;
    }

    public boolean anyResultsAlreadyThere(@Body BatchToStore batch, @Variable(INSERTED) BulkWriteAnswer inserted) {
        return !alreadyThere(batch, inserted).isEmpty();
    }

    public Bson resultsLookup(@Body BatchToStore batch, @Variable(INSERTED) BulkWriteAnswer inserted) {
        return writes.resultsLookup(alreadyThere(batch, inserted));
    }

    /** Read back without their output, unless a still active execution's update needs it (after a crash). */
    public Bson readBackFields(@Body BatchToStore batch, @Variable(INSERTED) BulkWriteAnswer inserted,
                               @Variable(EXECUTIONS) ExecutionsFound executions) {
        return writes.readBackFields(alreadyThere(batch, inserted).stream().anyMatch(executions::isActive));
    }

    /** The guarded status update of each execution still active, from the result that holds for it. */
    public List<WriteModel<Document>> statusUpdates(@Body BatchToStore batch,
                                                    @Variable(EXECUTIONS) ExecutionsFound executions,
                                                    @Variable(INSERTED) BulkWriteAnswer inserted,
                                                    @Variable(READ_BACK) List<Document> readBack) {
        Map<String, StoredResult> stored = stored(batch, inserted, readBack);
        List<WriteModel<Document>> updates = new ArrayList<>();
        for (String id : updatedIds(batch, executions, stored)) {
            updates.add(writes.statusUpdate(stored.get(id)));
        }
        return updates;
    }

    /** Each record's outcome, in the batch's order: the result that holds for it, or why MongoDB refused it. */
    public List<StoreOutcome> outcomes(@Body BatchToStore batch, @Variable(EXECUTIONS) ExecutionsFound executions,
                                       @Variable(INSERTED) BulkWriteAnswer inserted,
                                       @Variable(READ_BACK) List<Document> readBack,
                                       @Variable(UPDATED) BulkWriteAnswer updated) {
        Map<String, StoredResult> stored = stored(batch, inserted, readBack);
        Map<String, String> refused = new HashMap<>();
        List<String> ids = batch.executionIds();
        for (int index = 0; index < ids.size(); index++) {
            if (inserted.wasRefused(index)) {
                refused.put(ids.get(index), inserted.refusalOf(index));
            }
        }
        List<String> updatedIds = updatedIds(batch, executions, stored);
        for (int index = 0; index < updatedIds.size(); index++) {
            if (updated.wasRefused(index)) {
                refused.put(updatedIds.get(index), updated.refusalOf(index));
            }
        }
        List<StoreOutcome> outcomes = new ArrayList<>(batch.records().size());
        Set<String> answered = new HashSet<>();
        for (MappedRecord record : batch.records()) {
            String id = record.executionId();
            boolean first = answered.add(id);
            if (refused.containsKey(id)) {
                outcomes.add(StoreOutcome.refused(record, refused.get(id)));
            } else {
                StoredResult result = stored.get(id);
                // a repeat within the batch did not store anything itself
                outcomes.add(StoreOutcome.of(record, first ? result : result.asFound(), executions.langAndVersionOf(id)));
            }
        }
        return outcomes;
    }

    /** The executions whose result was there already (an earlier event won): neither inserted now nor refused. */
    private static List<String> alreadyThere(BatchToStore batch, BulkWriteAnswer inserted) {
        List<String> ids = batch.executionIds();
        List<String> there = new ArrayList<>();
        for (int index = 0; index < ids.size(); index++) {
            if (!inserted.wasInsertedNow(index) && !inserted.wasRefused(index)) {
                there.add(ids.get(index));
            }
        }
        return there;
    }

    /** The result that holds for each execution not refused: inserted now, or read back. */
    private static Map<String, StoredResult> stored(BatchToStore batch, BulkWriteAnswer inserted,
                                                    List<Document> readBack) {
        Map<String, StoredResult> stored = new HashMap<>();
        List<String> ids = batch.executionIds();
        for (int index = 0; index < ids.size(); index++) {
            if (inserted.wasInsertedNow(index)) {
                stored.put(ids.get(index), StoredResult.of(batch.firstOfEach().get(ids.get(index)).resultDocument(), true));
            }
        }
        if (readBack != null) {
            for (Document result : readBack) {
                stored.put(result.getString(ResultFields.EXECUTION_ID), StoredResult.of(result, false));
            }
        }
        for (String id : alreadyThere(batch, inserted)) {
            if (!stored.containsKey(id)) {
                throw new IllegalStateException("The result of " + id + " was there, then gone");
            }
        }
        return stored;
    }

    /** The executions whose status is updated, in the order of the updates: those still active with a result. */
    private static List<String> updatedIds(BatchToStore batch, ExecutionsFound executions,
                                           Map<String, StoredResult> stored) {
        List<String> ids = new ArrayList<>();
        for (String id : batch.firstOfEach().keySet()) {
            if (stored.containsKey(id) && executions.isActive(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
