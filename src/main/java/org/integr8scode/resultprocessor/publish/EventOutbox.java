package org.integr8scode.resultprocessor.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.bson.Document;
import org.integr8scode.resultprocessor.event.EventMetadata;
import org.integr8scode.resultprocessor.event.ResultEvent;
import org.integr8scode.resultprocessor.event.ResultFailedEvent;
import org.integr8scode.resultprocessor.event.ResultStoredEvent;
import org.integr8scode.resultprocessor.store.BulkWriteAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result events as the original's event store holds them (contract §2, {@code events}): each stored before it
 * is published, with the event's fields, {@code timestamp} as a date, {@code stored_at}, and {@code ttl_expires_at}
 * 30 days on (the API's TTL index removes it then). Inserted unless its {@code event_id} is there already: every
 * result event of one type and execution has the same name-based id, so a repeat changes nothing.
 */
public class EventOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(EventOutbox.class);

    public static final String RESULT_EVENTS = "resultEvents";
    static final Duration RETENTION = Duration.ofDays(30);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final Clock clock;

    public EventOutbox(Clock clock) {
        this.clock = clock;
    }

    /** One insert-if-absent per distinct event of the batch, by {@code event_id}, the field of the API's unique index. */
    public List<WriteModel<Document>> inserts(@Variable(RESULT_EVENTS) List<OutgoingEvent> events) {
        Instant storedAt = clock.instant();
        List<WriteModel<Document>> inserts = new ArrayList<>(events.size());
        Set<String> seen = new HashSet<>();
        for (OutgoingEvent outgoing : events) {
            String eventId = outgoing.event().eventId();
            if (seen.add(eventId)) {
                inserts.add(new UpdateOneModel<>(Filters.eq("event_id", eventId),
                        new Document("$setOnInsert", document(outgoing, storedAt)), UPSERT));
            }
        }
        return inserts;
    }

    static Document document(OutgoingEvent outgoing, Instant storedAt) {
        ResultEvent event = outgoing.event();
        EventMetadata metadata = event.metadata();
        Document document = new Document("event_id", event.eventId())
                .append("event_type", event.eventType())
                .append("event_version", event.eventVersion())
                .append("timestamp", Date.from(outgoing.createdAt()))
                .append("aggregate_id", event.aggregateId())
                .append("metadata", new Document("service_name", metadata.serviceName())
                        .append("service_version", metadata.serviceVersion())
                        .append("user_id", metadata.userId())
                        .append("environment", metadata.environment()))
                .append("execution_id", event.executionId());
        if (event instanceof ResultStoredEvent stored) {
            document.append("status", stored.status())
                    .append("storage_type", stored.storageType())
                    .append("storage_path", stored.storagePath())
                    .append("size_bytes", stored.sizeBytes());
        } else if (event instanceof ResultFailedEvent failed) {
            document.append("storage_type", failed.storageType())
                    .append("reason", failed.reason())
                    .append("error", failed.error());
        }
        return document.append("stored_at", Date.from(storedAt))
                .append("ttl_expires_at", Date.from(storedAt.plus(RETENTION)));
    }

    /**
     * The documents MongoDB refused for good (a validator of the API's, say): the result is stored all the same, so
     * its event is still published; the rest of the batch's events were stored.
     */
    public void refused(@Body BulkWriteAnswer stored) {
        stored.refused().values().forEach(why ->
                LOG.error("MongoDB refused a result event for the events collection, published all the same: {}", why));
    }
}
