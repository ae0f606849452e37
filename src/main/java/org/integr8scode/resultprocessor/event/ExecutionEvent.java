package org.integr8scode.resultprocessor.event;

/** A terminal event of an execution, as the pod monitor publishes it. */
public sealed interface ExecutionEvent permits ExecutionCompletedEvent, ExecutionFailedEvent, ExecutionTimeoutEvent {

    String eventId();

    String eventType();

    String timestamp();

    EventMetadata metadata();

    String executionId();

    ResourceUsage resourceUsage();

    String stdout();

    String stderr();
}
