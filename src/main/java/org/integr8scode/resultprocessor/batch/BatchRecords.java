package org.integr8scode.resultprocessor.batch;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import org.apache.camel.support.DefaultMessage;
import org.integr8scode.resultprocessor.result.PendingResult;
import org.integr8scode.resultprocessor.trace.RecordTracing;

/**
 * The records of a batch as the splitter takes them: camel-kafka hands a batch over as a list of exchanges, one a
 * record; each is split off as a message of its own (value, key and Kafka headers), so that a dead letter carries
 * the record unchanged. The batch's records and what mapping them came to are the exchange variables
 * {@value #RECORDS} and {@value #MAPPED_BATCH}.
 */
public class BatchRecords {

    public static final String RECORDS = "records";
    public static final String MAPPED_BATCH = "mappedBatch";

    private final RecordTracing tracing;

    public BatchRecords(RecordTracing tracing) {
        this.tracing = tracing;
    }

    public List<Message> records(@Variable(RECORDS) List<?> records, Exchange batch) {
        return notDeadLettered(records, null, batch);
    }

    /** The records still to be done with one at a time: those not dead-lettered already (all, before mapping). */
    public List<Message> notDeadLettered(@Variable(RECORDS) List<?> records,
                                         @Variable(MAPPED_BATCH) MappedBatch mapped, Exchange batch) {
        List<Message> messages = new ArrayList<>(records.size());
        for (int position = 0; position < records.size(); position++) {
            if (mapped == null || !mapped.wasDeadLettered(position)) {
                messages.add(copyOf(records.get(position), batch));
            }
        }
        return messages;
    }

    /**
     * Whether any record of the batch is left to store and publish (a batch whose records were all dead-lettered has
     * none). A bean predicate, not a method chain in simple: that would hash the whole batch for a cache key.
     */
    public boolean anyToStore(@Variable(MAPPED_BATCH) MappedBatch mapped) {
        return !mapped.mapped().isEmpty();
    }

    /** A batch of the one record at hand, mapped, for a record done with on its own. */
    public MappedBatch batchOfOne(@Body PendingResult pending, @Header(MappedRecords.CORRELATION_ID) Object correlationId,
                                  Message record) {
        return MappedBatch.of(new MappedRecord(pending, correlationId, tracing.of(record)));
    }

    private static Message copyOf(Object record, Exchange batch) {
        Message source = record instanceof Exchange exchange ? exchange.getMessage() : (Message) record;
        Message copy = new DefaultMessage(batch.getContext());
        copy.copyFrom(source);
        return copy;
    }
}
