package org.integr8scode.resultprocessor.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A stand-in OpenTelemetry collector: answers OTLP/HTTP pushes on /v1/metrics, keeping the last data of each metric
 * it received by name, and on /v1/traces, keeping every span.
 */
public final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Metric> received = new ConcurrentHashMap<>();
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    public OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/metrics", this::receive);
        server.createContext("/v1/traces", this::receiveSpans);
        server.start();
    }

    /** What OTEL_EXPORTER_OTLP_ENDPOINT would be set to. */
    public String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The metrics received so far, by name; each the last push of it. */
    public Map<String, Metric> metrics() {
        return received;
    }

    /** The spans received so far. */
    public List<Span> spans() {
        return spans;
    }

    private void receiveSpans(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            ExportTraceServiceRequest.parseFrom(body).getResourceSpansList().stream()
                    .flatMap(resource -> resource.getScopeSpansList().stream())
                    .flatMap(scope -> scope.getSpansList().stream())
                    .forEach(spans::add);
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } finally {
            exchange.close();
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
            request.getResourceMetricsList().stream()
                    .flatMap(resource -> resource.getScopeMetricsList().stream())
                    .flatMap(scope -> scope.getMetricsList().stream())
                    .forEach(metric -> received.put(metric.getName(), metric));
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
