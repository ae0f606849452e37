package org.integr8scode.resultprocessor.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What mapping a batch record by record came to: the records mapped, in the batch's order, and the positions of
 * those dead-lettered (poison), so that nothing sends them to the dead-letter topic a second time.
 */
public final class MappedBatch {

    private final List<MappedRecord> mapped = new ArrayList<>();
    private final Set<Integer> deadLettered = new HashSet<>();

    /** A batch of records all mapped. */
    public static MappedBatch of(MappedRecord... records) {
        MappedBatch batch = new MappedBatch();
        for (MappedRecord record : records) {
            batch.add(record);
        }
        return batch;
    }

    void add(MappedRecord record) {
        mapped.add(record);
    }

    void deadLettered(int position) {
        deadLettered.add(position);
    }

    public List<MappedRecord> mapped() {
        return mapped;
    }

    public boolean wasDeadLettered(int position) {
        return deadLettered.contains(position);
    }
}
