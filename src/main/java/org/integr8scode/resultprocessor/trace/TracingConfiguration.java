package org.integr8scode.resultprocessor.trace;

import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records' tracing: W3C trace context always; spans exported over OTLP/HTTP where OTEL_EXPORTER_OTLP_ENDPOINT
 * is set, by the OpenTelemetry SDK configured from the standard OTEL_* variables (OTEL_SERVICE_NAME,
 * OTEL_RESOURCE_ATTRIBUTES, OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER, OTEL_BSP_*, ...). Only traces: the
 * metrics go their own way (ObservabilityConfiguration).
 */
public class TracingConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TracingConfiguration.class);

    /** The propagators of the original's services: traceparent and tracestate, and baggage. */
    static final TextMapPropagator W3C = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
            W3CBaggagePropagator.getInstance());

    @PropertyInject(value = "otlp.endpoint", defaultValue = "")
    private String endpoint;

    @PropertyInject("otlp.service-name")
    private String serviceName;

    // camel-main calls each @BindToRegistry method twice (ConfigurationClassesTest): the SDK is made once
    private RecordTracing tracing;
    private OpenTelemetrySdk sdk;

    @BindToRegistry
    public synchronized RecordTracing recordTracing() {
        if (tracing == null) {
            tracing = endpoint.isBlank() ? new RecordTracing(OpenTelemetry.noop(), W3C, false)
                    : new RecordTracing(sdk(), W3C, true);
        }
        return tracing;
    }

    /** Flushes the spans not yet exported, as the context stops. */
    @BindToRegistry(destroyMethod = "close")
    public synchronized SpanExport spanExport() {
        recordTracing();
        return new SpanExport(sdk);
    }

    private OpenTelemetrySdk sdk() {
        // defaults: any OTEL_* variable or otel.* system property set overrides them
        sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of(
                        "otel.exporter.otlp.endpoint", endpoint,
                        "otel.exporter.otlp.protocol", "http/protobuf",
                        "otel.service.name", serviceName,
                        "otel.traces.exporter", "otlp",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        LOG.info("Exporting a span per record to {} (OTLP/HTTP)", endpoint);
        return sdk;
    }

    /** The SDK's shutdown, where there is one. */
    public record SpanExport(OpenTelemetrySdk sdk) {
        public void close() {
            if (sdk != null) {
                sdk.close();
            }
        }
    }
}
