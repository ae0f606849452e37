package org.integr8scode.resultprocessor.trace;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.apache.camel.Variable;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Continues each input record's trace on its result event (contract §1, trace context). Where span export is
 * configured, a span of this service's, {@code <topic> process}, child of the input's, runs from the record's
 * mapping to its result event's acknowledgement, and the result event's {@code traceparent} names it; where it is
 * not, no span is recorded and the result event carries the input's own trace context on. Either way the
 * {@code tracestate} and {@code baggage} are the input's, and a record without a valid {@code traceparent} is
 * processed as any other. Per record, not per exchange: a batch is one exchange, its records are not.
 */
public class RecordTracing {

    /** The spans of a batch's records, ended once Kafka has acknowledged their result events. */
    public static final String SPANS = "resultSpans";

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");

    private final TextMapPropagator propagator;
    private final Tracer tracer;
    private final boolean recording;

    /**
     * @param openTelemetry the SDK where spans are exported, else {@link OpenTelemetry#noop()}
     * @param propagator W3C trace context and baggage
     * @param recording whether spans are exported (then their start time is taken)
     */
    public RecordTracing(OpenTelemetry openTelemetry, TextMapPropagator propagator, boolean recording) {
        this.propagator = propagator;
        this.tracer = openTelemetry.getTracer("org.integr8scode.result-processor");
        this.recording = recording;
    }

    /** The trace an input record carries, read from its headers as it is mapped. */
    public RecordTrace of(Message record) {
        Context parent = propagator.extract(Context.root(), record, KafkaHeaders.INSTANCE);
        long start = recording ? TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) : 0L;
        return new RecordTrace(parent, record.getHeader(KafkaConstants.TOPIC, String.class), start);
    }

    /**
     * The record's span begun (at its mapping), its context set on the result event's headers. Without an SDK the
     * span is the input's own, unrecorded.
     */
    public Span continueOn(RecordTrace trace, Message resultEvent) {
        Span span = startSpan(trace);
        propagator.inject(trace.parent().with(span), resultEvent, KafkaHeaders.INSTANCE);
        return span;
    }

    private Span startSpan(RecordTrace trace) {
        var builder = tracer.spanBuilder(trace.topic() + " process").setParent(trace.parent())
                .setSpanKind(SpanKind.CONSUMER);
        if (recording) {
            builder.setStartTimestamp(trace.startEpochNanos(), TimeUnit.NANOSECONDS)
                    .setAttribute(MESSAGING_SYSTEM, "kafka")
                    .setAttribute(DESTINATION, trace.topic())
                    .setAttribute(OPERATION, "process");
        }
        return builder.startSpan();
    }

    /** The batch's spans ended, once Kafka has acknowledged their result events. */
    public void end(@Variable(SPANS) List<Span> spans) {
        if (recording && spans != null) {
            spans.forEach(Span::end);
        }
    }
}
