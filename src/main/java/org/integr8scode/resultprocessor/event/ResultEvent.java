package org.integr8scode.resultprocessor.event;

/** What the processor publishes for a record: result_stored or result_failed (contract §1, outputs). */
public sealed interface ResultEvent permits ResultStoredEvent, ResultFailedEvent {

    String eventId();

    String eventType();

    String eventVersion();

    String aggregateId();

    EventMetadata metadata();

    String executionId();
}
