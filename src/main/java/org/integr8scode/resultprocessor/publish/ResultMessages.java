package org.integr8scode.resultprocessor.publish;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.integr8scode.resultprocessor.batch.MappedRecords;
import org.integr8scode.resultprocessor.result.PendingResult;
import org.integr8scode.resultprocessor.store.StorageRejection;
import org.integr8scode.resultprocessor.store.StoreOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result event of each record of a batch, as the Kafka messages camel-kafka sends in one go: result_stored,
 * or result_failed (execution unknown to the API, or result refused by MongoDB), keyed by execution_id, in JSON,
 * with the record's correlation_id carried over.
 */
public class ResultMessages {

    private static final Logger LOG = LoggerFactory.getLogger(ResultMessages.class);

    private final ResultEvents events;
    private final ObjectMapper json;
    private final String storedTopic;
    private final String failedTopic;

    public ResultMessages(ResultEvents events, ObjectMapper json, String storedTopic, String failedTopic) {
        this.events = events;
        this.json = json;
        this.storedTopic = storedTopic;
        this.failedTopic = failedTopic;
    }

    public List<Message> of(List<StoreOutcome> outcomes, Exchange batch) throws JsonProcessingException {
        List<Message> messages = new ArrayList<>(outcomes.size());
        for (StoreOutcome outcome : outcomes) {
            Message message = new DefaultMessage(batch.getContext());
            message.setBody(json.writeValueAsBytes(eventOf(outcome)));
            message.setHeader(KafkaConstants.OVERRIDE_TOPIC, outcome.rejected() || !outcome.executionFound()
                    ? failedTopic : storedTopic);
            message.setHeader(KafkaConstants.KEY, outcome.executionId());
            message.setHeader("content-type", "application/json");
            if (outcome.record().correlationId() != null) {
                message.setHeader(MappedRecords.CORRELATION_ID, outcome.record().correlationId());
            }
            messages.add(message);
        }
        return messages;
    }

    private Object eventOf(StoreOutcome outcome) {
        PendingResult pending = outcome.record().pending();
        if (outcome.rejected()) {
            LOG.error("MongoDB refused the result of {}: {}", outcome.executionId(), outcome.rejection());
            return events.failed(pending, StorageRejection.REASON, "MongoDB refused the result: " + outcome.rejection());
        }
        if (!outcome.executionFound()) {
            LOG.warn("No execution {} in executions: result stored, result_failed published", outcome.executionId());
            return events.executionNotFound(pending);
        }
        return events.stored(outcome.stored(), pending);
    }
}
