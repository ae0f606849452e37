package org.integr8scode.resultprocessor.dropin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.opentelemetry.proto.trace.v1.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.integr8scode.resultprocessor.support.OtlpReceiver;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, a span per record, {@code <topic> process}, child of the input's span, is
 * exported over OTLP/HTTP, and the result event's traceparent names it: one trace runs pod monitor → result
 * processor → API.
 */
class SpanExportTest extends ResultProcessorTestSupport {

    private static final OtlpReceiver COLLECTOR = new OtlpReceiver();

    static {
        // export each span within a tenth of a second, not the SDK's default five seconds
        System.setProperty("otel.bsp.schedule.delay", "100");
    }

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("otlp.endpoint", COLLECTOR.endpoint());
        return properties;
    }

    @AfterAll
    void stopCollector() {
        COLLECTOR.close();
    }

    @Test
    void eachRecordsSpanIsExportedAsTheChildOfItsInputsAndNamedByItsResultEvent() {
        String id = TestEvents.newExecutionId();
        givenExecution(id);

        publish(completedTopic, id, TestEvents.bytes(TestEvents.completed(id, 0, "out", "")),
                Map.of("traceparent", "00-" + TraceContextTest.TRACE_ID + "-" + TraceContextTest.SPAN_ID + "-01",
                        "tracestate", TraceContextTest.TRACESTATE, "baggage", TraceContextTest.BAGGAGE));

        ConsumerRecord<byte[], byte[]> resultEvent = awaitRecords(storedTopic, 1, keyed(id)).get(0);
        String[] traceparent = header(resultEvent, "traceparent").split("-");
        assertThat(traceparent[1]).as("trace id").isEqualTo(TraceContextTest.TRACE_ID);
        assertThat(traceparent[2]).as("span id").isNotEqualTo(TraceContextTest.SPAN_ID);
        assertThat(traceparent[3]).as("flags").isEqualTo("01");
        assertThat(header(resultEvent, "tracestate")).isEqualTo(TraceContextTest.TRACESTATE);
        assertThat(TraceContextTest.baggage(header(resultEvent, "baggage")))
                .isEqualTo(TraceContextTest.baggage(TraceContextTest.BAGGAGE));

        await().atMost(Duration.ofSeconds(15)).until(() -> spanNamed(traceparent[2]) != null);
        Span span = spanNamed(traceparent[2]);
        assertThat(span.getName()).isEqualTo(completedTopic + " process");
        assertThat(hex(span.getTraceId().toByteArray())).isEqualTo(TraceContextTest.TRACE_ID);
        assertThat(hex(span.getParentSpanId().toByteArray())).isEqualTo(TraceContextTest.SPAN_ID);
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(span.getEndTimeUnixNano()).isGreaterThanOrEqualTo(span.getStartTimeUnixNano());
    }

    @Test
    void aRecordWithoutTraceStartsOneOfItsOwn() {
        String id = TestEvents.newExecutionId();
        givenExecution(id);

        publish(completedTopic, TestEvents.completed(id, 0, "out", ""));

        String[] traceparent = header(awaitRecords(storedTopic, 1, keyed(id)).get(0), "traceparent").split("-");
        await().atMost(Duration.ofSeconds(15)).until(() -> spanNamed(traceparent[2]) != null);
        Span span = spanNamed(traceparent[2]);
        assertThat(hex(span.getTraceId().toByteArray())).isEqualTo(traceparent[1]);
        assertThat(span.getParentSpanId().isEmpty()).isTrue();
    }

    private static Span spanNamed(String spanId) {
        List<Span> spans = COLLECTOR.spans();
        return spans.stream().filter(span -> hex(span.getSpanId().toByteArray()).equals(spanId)).findFirst().orElse(null);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
