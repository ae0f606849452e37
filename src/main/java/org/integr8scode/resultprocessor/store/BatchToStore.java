package org.integr8scode.resultprocessor.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.integr8scode.resultprocessor.batch.MappedBatch;
import org.integr8scode.resultprocessor.batch.MappedRecord;
import org.integr8scode.resultprocessor.result.PendingResult;

/**
 * A batch as the store takes it: its records in order, and the first event of each execution, which is the one
 * written (within a batch, as across batches, the first terminal event stored wins). Built once, then only read.
 *
 * @param records    the batch's mapped records, in order
 * @param firstOfEach execution_id → its first pending result, in the batch's order: the order of every write
 */
public record BatchToStore(List<MappedRecord> records, Map<String, PendingResult> firstOfEach) {

    public static BatchToStore of(MappedBatch batch) {
        Map<String, PendingResult> first = new LinkedHashMap<>();
        for (MappedRecord record : batch.mapped()) {
            first.putIfAbsent(record.executionId(), record.pending());
        }
        return new BatchToStore(List.copyOf(batch.mapped()), Collections.unmodifiableMap(first));
    }

    /** The batch's distinct execution_ids, in order: the n-th result insert is the n-th of them. */
    public List<String> executionIds() {
        return List.copyOf(firstOfEach.keySet());
    }
}
