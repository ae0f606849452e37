package org.integr8scode.resultprocessor.store;

import static org.integr8scode.resultprocessor.result.ResultFields.ACTIVE_STATUSES;
import static org.integr8scode.resultprocessor.result.ResultFields.EXECUTION_ID;
import static org.integr8scode.resultprocessor.result.ResultFields.LANG;
import static org.integr8scode.resultprocessor.result.ResultFields.LANG_VERSION;
import static org.integr8scode.resultprocessor.result.ResultFields.STATUS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.integr8scode.resultprocessor.batch.MappedBatch;
import org.integr8scode.resultprocessor.batch.MappedRecord;
import org.integr8scode.resultprocessor.result.PendingResult;

/**
 * One batch on its way through the store's round trips (the {@code store-batch} route): what each answer of
 * MongoDB told about it so far. Within a batch, as across batches, the first terminal event of an execution wins;
 * each record is answered with the result that holds.
 */
public final class StoringBatch {

    private final List<MappedRecord> records;
    /** The first event of each execution in the batch, in the batch's order: the one that is written. */
    private final Map<String, PendingResult> firstOfEach = new LinkedHashMap<>();
    private final List<String> insertedIds;
    /** execution_id → {@code <lang>-<lang_version>}, of the executions {@code executions} holds. */
    private final Map<String, String> known = new HashMap<>();
    /** The executions still active when looked up: a terminal one stays terminal, so only these are updated. */
    private final Set<String> active = new HashSet<>();
    /** execution_id → why MongoDB refused its result (or its status update) for good. */
    private final Map<String, String> refused = new HashMap<>();
    private final Map<String, StoredResult> stored = new HashMap<>();
    private final List<String> alreadyThere = new ArrayList<>();
    private final List<String> updatedIds = new ArrayList<>();

    StoringBatch(MappedBatch batch) {
        this.records = batch.mapped();
        for (MappedRecord record : records) {
            firstOfEach.putIfAbsent(record.executionId(), record.pending());
        }
        this.insertedIds = new ArrayList<>(firstOfEach.keySet());
    }

    Set<String> executionIds() {
        return firstOfEach.keySet();
    }

    void executionsFound(List<Document> executions) {
        for (Document execution : executions) {
            String id = execution.getString(EXECUTION_ID);
            known.put(id, langAndVersion(execution));
            if (ACTIVE_STATUSES.contains(execution.getString(STATUS))) {
                active.add(id);
            }
        }
    }

    /** {@code <lang>-<lang_version>} of an {@code executions} document, the metrics' label; {@code unknown} where absent. */
    private static String langAndVersion(Document execution) {
        return orUnknown(execution.get(LANG)) + "-" + orUnknown(execution.get(LANG_VERSION));
    }

    private static String orUnknown(Object value) {
        return value == null || value.toString().isEmpty() ? "unknown" : value.toString();
    }

    List<WriteModel<Document>> resultInserts(ResultWrites writes) {
        List<WriteModel<Document>> inserts = new ArrayList<>(insertedIds.size());
        for (String id : insertedIds) {
            inserts.add(writes.insertIfAbsent(firstOfEach.get(id)));
        }
        return inserts;
    }

    /** The insert-if-absent's answer: what it inserted now; the others were there already, to be read back. */
    void resultsWritten(BulkWriteResult written) {
        Set<Integer> insertedNow = new HashSet<>();
        for (BulkWriteUpsert upsert : written.getUpserts()) {
            insertedNow.add(upsert.getIndex());
        }
        for (int index = 0; index < insertedIds.size(); index++) {
            String id = insertedIds.get(index);
            if (insertedNow.contains(index)) {
                stored.put(id, StoredResult.of(firstOfEach.get(id).resultDocument(), true));
            } else if (!refused.containsKey(id)) {
                alreadyThere.add(id);
            }
        }
    }

    /** The documents of the insert-if-absent that MongoDB refused for good; the rest of it was written. */
    void resultsRefused(MongoBulkWriteException refusal) {
        noteRefused(refusal, insertedIds);
        resultsWritten(refusal.getWriteResult());
    }

    List<String> resultsAlreadyThere() {
        return alreadyThere;
    }

    /** Whether a result that was there already must be read with its output, for a still active execution's update. */
    boolean outputNeededOfResultsAlreadyThere() {
        return alreadyThere.stream().anyMatch(active::contains);
    }

    void resultsFound(List<Document> results) {
        for (Document result : results) {
            stored.put(result.getString(EXECUTION_ID), StoredResult.of(result, false));
        }
        for (String id : alreadyThere) {
            if (!stored.containsKey(id)) {
                throw new IllegalStateException("The result of " + id + " was there, then gone");
            }
        }
    }

    /** The guarded status update of each execution still active, from the result that holds for it. */
    List<WriteModel<Document>> statusUpdates(ResultWrites writes) {
        updatedIds.clear();
        List<WriteModel<Document>> updates = new ArrayList<>();
        for (String id : insertedIds) {
            StoredResult result = stored.get(id);
            if (result != null && active.contains(id)) {
                updatedIds.add(id);
                updates.add(writes.statusUpdate(result));
            }
        }
        return updates;
    }

    void statusUpdatesRefused(MongoBulkWriteException refusal) {
        noteRefused(refusal, updatedIds);
    }

    private void noteRefused(MongoBulkWriteException refusal, List<String> idsByIndex) {
        for (BulkWriteError error : refusal.getWriteErrors()) {
            refused.put(idsByIndex.get(error.getIndex()), error.getMessage());
        }
    }

    /** Each record's outcome, in the batch's order. */
    List<StoreOutcome> outcomes() {
        List<StoreOutcome> outcomes = new ArrayList<>(records.size());
        Set<String> answered = new HashSet<>();
        for (MappedRecord record : records) {
            String id = record.executionId();
            boolean first = answered.add(id);
            if (refused.containsKey(id)) {
                outcomes.add(StoreOutcome.refused(record, refused.get(id)));
            } else {
                StoredResult result = stored.get(id);
                // a repeat within the batch did not store anything itself
                outcomes.add(StoreOutcome.of(record, first ? result : result.asFound(), known.get(id)));
            }
        }
        return outcomes;
    }
}
