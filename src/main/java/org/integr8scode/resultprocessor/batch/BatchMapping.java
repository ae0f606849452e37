package org.integr8scode.resultprocessor.batch;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import org.apache.camel.component.kafka.KafkaConstants;
import org.integr8scode.resultprocessor.event.EventReader;
import org.integr8scode.resultprocessor.event.ExecutionEvent;
import org.integr8scode.resultprocessor.result.ResultMapping;
import org.integr8scode.resultprocessor.trace.RecordTracing;

/**
 * The usual batch, mapped in one typed step: every record the event its topic carries, valid, mapped as map-event's
 * content-based router would route and map it (the same reader, checks and mappings), without an exchange, a
 * {@code direct:} hop and a dozen bean calls a record. A batch with any other record (poison, an event on another
 * topic, a value the mapping fails on) is not mapped here at all: it is left to map-event record by record, so
 * that the router and the error policy judge every record that is not the plain case, as they always have.
 */
public class BatchMapping {

    private final EventReader reader;
    private final ResultMapping mapping;
    private final RecordTracing tracing;

    public BatchMapping(EventReader reader, ResultMapping mapping, RecordTracing tracing) {
        this.reader = reader;
        this.mapping = mapping;
        this.tracing = tracing;
    }

    /** The whole batch mapped, in its order; null where any of its records is for map-event to judge. */
    public MappedBatch mapWhole(@Variable(BatchRecords.RECORDS) List<?> records) {
        MappedBatch batch = new MappedBatch();
        for (Object record : records) {
            Message message = record instanceof Exchange exchange ? exchange.getMessage() : (Message) record;
            MappedRecord mapped = mappedOrNull(message);
            if (mapped == null) {
                return null;
            }
            batch.add(mapped);
        }
        return batch;
    }

    private MappedRecord mappedOrNull(Message record) {
        try {
            ExecutionEvent event = reader.readChecked(record.getBody(byte[].class),
                    record.getHeader(KafkaConstants.TOPIC, String.class));
            if (event == null) {
                return null;
            }
            return new MappedRecord(mapping.of(event), record.getHeader(MappedRecords.CORRELATION_ID),
                    tracing.of(record));
        } catch (RuntimeException e) {
            // poison (its timestamp) or a failure of ours: map-event judges it, with its reason, on its own
            return null;
        }
    }
}
