package org.integr8scode.resultprocessor.publish;

import java.time.Instant;

import org.integr8scode.resultprocessor.event.ResultEvent;
import org.integr8scode.resultprocessor.store.StoreOutcome;

/** A record's result event on its way out: stored in {@code events}, then published to its topic. */
public record OutgoingEvent(StoreOutcome outcome, String topic, ResultEvent event, Instant createdAt) {
}
