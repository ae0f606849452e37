package org.integr8scode.resultprocessor.store;

import static org.integr8scode.resultprocessor.result.ResultFields.EXECUTION_ID;

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
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.integr8scode.resultprocessor.batch.MappedBatch;
import org.integr8scode.resultprocessor.batch.MappedRecord;
import org.integr8scode.resultprocessor.result.PendingResult;

/**
 * Stores a batch's results in three round trips: one look-up of its executions, one unordered bulk write of
 * insert-if-absent results to {@code execution_results}, and one of guarded status updates to {@code executions}
 * (plus a read of the results that were already there, when some were). Every write is idempotent, so a batch
 * that failed half-way is simply stored again.
 * <p>
 * Within a batch, as across batches, the first terminal event of an execution wins; each record is answered with
 * the result that holds. A document MongoDB refuses for good is answered on its own (result_failed) and does not
 * hold up the rest; any other write error fails the batch, to be retried.
 */
public class ResultBatchStore {

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> results;
    private final MongoCollection<Document> executions;
    private final ResultWrites writes;

    public ResultBatchStore(MongoClient client, String database, String resultsCollection, String executionsCollection,
                            ResultWrites writes) {
        this.results = client.getDatabase(database).getCollection(resultsCollection);
        this.executions = client.getDatabase(database).getCollection(executionsCollection);
        this.writes = writes;
    }

    public List<StoreOutcome> store(MappedBatch batch) {
        List<MappedRecord> records = batch.mapped();
        if (records.isEmpty()) {
            return List.of();
        }
        Map<String, PendingResult> firstOfEach = new LinkedHashMap<>();
        for (MappedRecord record : records) {
            firstOfEach.putIfAbsent(record.executionId(), record.pending());
        }
        Map<String, String> known = knownExecutions(firstOfEach.keySet());
        Map<String, String> refused = new HashMap<>();
        Map<String, StoredResult> stored = insertIfAbsent(firstOfEach, refused);
        updateStatuses(stored, known, refused);

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

    private Map<String, String> knownExecutions(Set<String> ids) {
        Map<String, String> known = new HashMap<>();
        executions.find(writes.executionsLookup(ids)).projection(writes.executionIdAndLanguage())
                .forEach(execution -> known.put(execution.getString(EXECUTION_ID), ResultWrites.langAndVersion(execution)));
        return known;
    }

    private Map<String, StoredResult> insertIfAbsent(Map<String, PendingResult> firstOfEach, Map<String, String> refused) {
        List<String> ids = new ArrayList<>(firstOfEach.keySet());
        List<WriteModel<Document>> inserts = new ArrayList<>(ids.size());
        for (String id : ids) {
            inserts.add(writes.insertIfAbsent(firstOfEach.get(id)));
        }
        BulkWriteResult written = bulkWrite(results, inserts, ids, refused);
        Set<Integer> insertedNow = new HashSet<>();
        for (BulkWriteUpsert upsert : written.getUpserts()) {
            insertedNow.add(upsert.getIndex());
        }
        Map<String, StoredResult> stored = new HashMap<>();
        List<String> alreadyThere = new ArrayList<>();
        for (int index = 0; index < ids.size(); index++) {
            String id = ids.get(index);
            if (insertedNow.contains(index)) {
                stored.put(id, StoredResult.of(firstOfEach.get(id).resultDocument(), true));
            } else if (!refused.containsKey(id)) {
                alreadyThere.add(id);
            }
        }
        if (!alreadyThere.isEmpty()) {
            results.find(writes.resultsLookup(alreadyThere)).projection(writes.withoutOutput())
                    .forEach(result -> stored.put(result.getString(EXECUTION_ID), StoredResult.of(result, false)));
            for (String id : alreadyThere) {
                if (!stored.containsKey(id)) {
                    throw new IllegalStateException("The result of " + id + " was there, then gone");
                }
            }
        }
        return stored;
    }

    private void updateStatuses(Map<String, StoredResult> stored, Map<String, String> known, Map<String, String> refused) {
        List<String> ids = new ArrayList<>();
        List<WriteModel<Document>> updates = new ArrayList<>();
        for (StoredResult result : stored.values()) {
            if (known.containsKey(result.executionId())) {
                ids.add(result.executionId());
                updates.add(writes.statusUpdate(result));
            }
        }
        if (!updates.isEmpty()) {
            bulkWrite(executions, updates, ids, refused);
        }
    }

    /**
     * One unordered bulk write. The documents MongoDB refuses for good are noted in {@code refused}, by
     * execution_id; any other error throws, so that the batch is tried again.
     */
    private static BulkWriteResult bulkWrite(MongoCollection<Document> collection, List<WriteModel<Document>> writes,
                                             List<String> ids, Map<String, String> refused) {
        try {
            return collection.bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null
                    || !e.getWriteErrors().stream().allMatch(error -> StorageRejection.isPermanentCode(error.getCode()))) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                refused.put(ids.get(error.getIndex()), error.getMessage());
            }
            return e.getWriteResult();
        }
    }
}
