package org.integr8scode.resultprocessor.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.BulkWriteUpsert;

/**
 * What an unordered bulk write came to, analysed once from MongoDB's answer and then only read: which of its writes
 * inserted a document now (by their index in the write), and which MongoDB refused for good, with why. The rest
 * changed something or matched nothing. A write that failed otherwise has no answer: it fails the batch, to be retried.
 */
public record BulkWriteAnswer(Set<Integer> insertedNow, Map<Integer, String> refused) {

    /** The answer of a bulk write that was not made: nothing to write. */
    public static final BulkWriteAnswer NONE = new BulkWriteAnswer(Set.of(), Map.of());

    /** A bulk write that MongoDB took whole. */
    public static BulkWriteAnswer of(BulkWriteResult written) {
        return new BulkWriteAnswer(insertedNow(written), Map.of());
    }

    /** A bulk write of which MongoDB refused some documents for good; the rest of it was written. */
    public static BulkWriteAnswer of(MongoBulkWriteException refusal) {
        Map<Integer, String> refused = new HashMap<>();
        for (BulkWriteError error : refusal.getWriteErrors()) {
            refused.put(error.getIndex(), error.getMessage());
        }
        return new BulkWriteAnswer(insertedNow(refusal.getWriteResult()), Map.copyOf(refused));
    }

    private static Set<Integer> insertedNow(BulkWriteResult written) {
        Set<Integer> indexes = new HashSet<>();
        for (BulkWriteUpsert upsert : written.getUpserts()) {
            indexes.add(upsert.getIndex());
        }
        return Set.copyOf(indexes);
    }

    public boolean wasInsertedNow(int index) {
        return insertedNow.contains(index);
    }

    public boolean wasRefused(int index) {
        return refused.containsKey(index);
    }

    /** Why MongoDB refused the write at this index, or null. */
    public String refusalOf(int index) {
        return refused.get(index);
    }
}
