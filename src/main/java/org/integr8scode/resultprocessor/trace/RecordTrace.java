package org.integr8scode.resultprocessor.trace;

import io.opentelemetry.context.Context;

/**
 * Where an input record's trace goes on: the context its headers carried (W3C {@code traceparent}, {@code tracestate},
 * {@code baggage}; the root context where they are absent or malformed), the topic it came from, and when its
 * processing began.
 */
public record RecordTrace(Context parent, String topic, long startEpochNanos) {

    /** No trace context: the result event starts none either unless spans are exported. */
    public static final RecordTrace NONE = new RecordTrace(Context.root(), null, 0L);
}
