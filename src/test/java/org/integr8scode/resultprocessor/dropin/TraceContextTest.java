package org.integr8scode.resultprocessor.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * The trace a record carries goes on on its result event (contract §1, trace context), with no span export
 * configured: the result event carries the input's trace context itself (no span of ours is recorded).
 */
class TraceContextTest extends ResultProcessorTestSupport {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN_ID = "00f067aa0ba902b7";
    static final String TRACESTATE = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7";
    static final String BAGGAGE = "user_id=7d4f2b10,tenant=acme";

    private static String traceparent(String flags) {
        return "00-" + TRACE_ID + "-" + SPAN_ID + "-" + flags;
    }

    @Test
    void aResultEventContinuesItsInputsTraceWithItsStateAndBaggage() {
        String id = TestEvents.newExecutionId();
        givenExecution(id);

        publish(completedTopic, id, TestEvents.bytes(TestEvents.completed(id, 0, "out", "")),
                Map.of("traceparent", traceparent("01"), "tracestate", TRACESTATE, "baggage", BAGGAGE));

        ConsumerRecord<byte[], byte[]> resultEvent = awaitRecords(storedTopic, 1, keyed(id)).get(0);
        assertThat(header(resultEvent, "traceparent")).isEqualTo(traceparent("01"));
        assertThat(header(resultEvent, "tracestate")).isEqualTo(TRACESTATE);
        assertThat(baggage(header(resultEvent, "baggage"))).isEqualTo(baggage(BAGGAGE));
    }

    @Test
    void anUnsampledTraceStaysUnsampled() {
        String id = TestEvents.newExecutionId();

        publish(completedTopic, id, TestEvents.bytes(TestEvents.completed(id, 0, "out", "")),
                Map.of("traceparent", traceparent("00")));

        ConsumerRecord<byte[], byte[]> resultEvent = awaitRecords(resultFailedTopic, 1, keyed(id)).get(0);
        assertThat(header(resultEvent, "traceparent")).isEqualTo(traceparent("00"));
        assertThat(header(resultEvent, "tracestate")).isNull();
        assertThat(header(resultEvent, "baggage")).isNull();
    }

    @Test
    void anInputWithoutTraceOrWithAMalformedOneIsStoredAndAnsweredAsAnyOther() {
        String plain = TestEvents.newExecutionId();
        String malformed = TestEvents.newExecutionId();
        givenExecution(plain);
        givenExecution(malformed);

        publish(completedTopic, TestEvents.completed(plain, 0, "out", ""));
        publish(completedTopic, malformed, TestEvents.bytes(TestEvents.completed(malformed, 0, "out", "")),
                Map.of("traceparent", "00-not-a-trace-01"));

        for (String id : new String[] {plain, malformed}) {
            ConsumerRecord<byte[], byte[]> resultEvent = awaitRecords(storedTopic, 1, keyed(id)).get(0);
            assertThat(header(resultEvent, "traceparent")).as(id).isNull();
            assertThat(execution(id).getString("status")).isEqualTo("completed");
        }
        assertThat(published.on(deadLetterTopic)).isEmpty();
    }

    /** Baggage's members, in any order. */
    static java.util.Set<String> baggage(String header) {
        return header == null ? java.util.Set.of() : java.util.Set.of(header.split(","));
    }
}
