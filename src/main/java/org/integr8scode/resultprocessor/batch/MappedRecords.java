package org.integr8scode.resultprocessor.batch;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultExchange;
import org.integr8scode.resultprocessor.result.PendingResult;
import org.integr8scode.resultprocessor.trace.RecordTracing;

/**
 * Gathers the records of a batch as the splitter maps them, one by one and in order, into a {@link MappedBatch}:
 * a record that was dead-lettered instead (its body is no pending result) is only noted.
 */
public class MappedRecords implements AggregationStrategy {

    public static final String CORRELATION_ID = "correlation_id";

    private final RecordTracing tracing;

    public MappedRecords(RecordTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public Exchange aggregate(Exchange batch, Exchange record) {
        // a fresh exchange, not the first record's: a record dead-lettered is marked handled, and that mark on the
        // batch would end its route there, silently, before its results are stored and its offsets committed
        Exchange result = batch != null ? batch : new DefaultExchange(record.getContext());
        MappedBatch mapped = batch != null ? batch.getMessage().getBody(MappedBatch.class) : new MappedBatch();
        if (record.getException() != null) {
            // a failure map-event left unhandled (judged transient): the batch fails with it, to be retried whole
            result.setException(record.getException());
            return result;
        }
        Object body = record.getMessage().getBody();
        if (body instanceof PendingResult pending) {
            Message message = record.getMessage();
            mapped.add(new MappedRecord(pending, message.getHeader(CORRELATION_ID), tracing.of(message)));
        } else {
            mapped.deadLettered(record.getProperty(Exchange.SPLIT_INDEX, Integer.class));
        }
        result.getMessage().setBody(mapped);
        return result;
    }
}
