package org.integr8scode.resultprocessor.publish;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.integr8scode.resultprocessor.batch.MappedRecords;
import org.integr8scode.resultprocessor.event.ResultEvent;
import org.integr8scode.resultprocessor.result.PendingResult;
import org.integr8scode.resultprocessor.store.StorageRejection;
import org.integr8scode.resultprocessor.store.StoreOutcome;
import org.integr8scode.resultprocessor.trace.RecordTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result event of each record of a batch: result_stored, or result_failed (execution unknown to the API, or
 * result refused by MongoDB); then, once stored in {@code events}, as the Kafka messages camel-kafka sends in one
 * go, keyed by execution_id, in JSON, with the record's correlation_id and trace context carried over.
 */
public class ResultMessages {

    private static final Logger LOG = LoggerFactory.getLogger(ResultMessages.class);

    /** The exchange variable of a batch's store outcomes, in the batch's order. */
    public static final String OUTCOMES = "outcomes";

    private final ResultEvents events;
    private final ObjectMapper json;
    private final RecordTracing tracing;
    private final Clock clock;
    private final String storedTopic;
    private final String failedTopic;

    public ResultMessages(ResultEvents events, ObjectMapper json, RecordTracing tracing, Clock clock,
                          String storedTopic, String failedTopic) {
        this.events = events;
        this.json = json;
        this.tracing = tracing;
        this.clock = clock;
        this.storedTopic = storedTopic;
        this.failedTopic = failedTopic;
    }

    /** Each record's result event, in the batch's order. */
    public List<OutgoingEvent> events(@Variable(OUTCOMES) List<StoreOutcome> outcomes) {
        Instant now = clock.instant();
        List<OutgoingEvent> outgoing = new ArrayList<>(outcomes.size());
        for (StoreOutcome outcome : outcomes) {
            boolean failed = outcome.rejected() || !outcome.executionFound();
            outgoing.add(new OutgoingEvent(outcome, failed ? failedTopic : storedTopic, eventOf(outcome, now), now));
        }
        return outgoing;
    }

    /** The Kafka messages of the batch's result events, each continuing its record's trace. */
    public List<Message> of(@Variable(EventOutbox.RESULT_EVENTS) List<OutgoingEvent> outgoing, Exchange batch)
            throws JsonProcessingException {
        List<Message> messages = new ArrayList<>(outgoing.size());
        List<Span> spans = new ArrayList<>(outgoing.size());
        for (OutgoingEvent event : outgoing) {
            Message message = new DefaultMessage(batch.getContext());
            message.setBody(json.writeValueAsBytes(event.event()));
            message.setHeader(KafkaConstants.OVERRIDE_TOPIC, event.topic());
            // as bytes: every producer shares the byte key serializer (a dead letter keeps its input's key bytes)
            message.setHeader(KafkaConstants.KEY, event.outcome().executionId().getBytes(StandardCharsets.UTF_8));
            message.setHeader("content-type", "application/json");
            Object correlationId = event.outcome().record().correlationId();
            if (correlationId != null) {
                message.setHeader(MappedRecords.CORRELATION_ID, correlationId);
            }
            spans.add(tracing.continueOn(event.outcome().record().trace(), message));
            messages.add(message);
        }
        batch.setVariable(RecordTracing.SPANS, spans);
        return messages;
    }

    private ResultEvent eventOf(StoreOutcome outcome, Instant now) {
        PendingResult pending = outcome.record().pending();
        if (outcome.rejected()) {
            LOG.error("MongoDB refused the result of {}: {}", outcome.executionId(), outcome.rejection());
            return events.failed(pending, StorageRejection.REASON, "MongoDB refused the result: " + outcome.rejection(),
                    now);
        }
        if (!outcome.executionFound()) {
            LOG.warn("No execution {} in executions: result stored, result_failed published", outcome.executionId());
            return events.executionNotFound(pending, now);
        }
        return events.stored(outcome.stored(), pending, now);
    }
}
