package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.metrics.v1.Metric;
import org.integr8scode.resultprocessor.prometheus.DashboardQueries;
import org.integr8scode.resultprocessor.support.KubernetesCleanupTestSupport;
import org.integr8scode.resultprocessor.support.OtlpReceiver;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator watches: route MBeans over JMX and over HTTP (Jolokia), /observe/health, the Prometheus metrics
 * the original service's dashboards and this one's own query (docs/operations.md), and the same meters pushed to
 * an OpenTelemetry collector. With the clean-up on (the Kubernetes mock), as in a cluster.
 */
class OperationsTest extends KubernetesCleanupTestSupport {

    private static final String LANG = "ruby";
    private static final String LANG_VERSION = "3.3";
    private static final String LANG_AND_VERSION = "lang_and_version=\"ruby-3.3\"";

    // started before the application, which reads its endpoint from the overrides
    private static final OtlpReceiver COLLECTOR = new OtlpReceiver();

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("otlp.endpoint", COLLECTOR.endpoint());
        properties.setProperty("otlp.step-ms", "500");
        properties.setProperty("k8s.pod-memory-limit", "0.25Gi");
        // the per-record route left out of the route metrics, as METRICS_UNMETERED_ROUTES=map-event does
        properties.setProperty("metrics.unmetered-routes", "map-event");
        // the sweep runs during the test, so that its series are served
        properties.setProperty("sweep.interval-seconds", "1");
        return properties;
    }

    @AfterAll
    void stopCollector() {
        COLLECTOR.close();
    }

    private String routeMBean(String routeId) {
        // this class's context: the contexts of the test classes run before it live on, and the first of them
        // holds the name result-processor (this one is then result-processor-1, ...)
        return "org.apache.camel:context=" + context().getManagementName() + ",type=routes,name=\"" + routeId + "\"";
    }

    private ObjectName route(String routeId) throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName(routeMBean(routeId)), null);
        assertThat(names).as("route MBean of " + routeId).hasSize(1);
        return names.iterator().next();
    }

    /** A Jolokia GET request (read/..., exec/...), its JSON answer. */
    private JsonNode jolokia(String request) throws IOException {
        var response = observe("/observe/jolokia/" + request.replace("\"", "%22"));
        assertThat(response.statusCode()).isEqualTo(200);
        return TestEvents.JSON.readTree(response.body());
    }

    private record Run(String completed, String failed, String timedOut, String unknown) {
    }

    /**
     * One record of each kind, and the outputs awaited: a completed, a failed and a timed-out execution in the
     * language given, a poison record, and a completed execution the API does not know.
     */
    private Run oneOfEachKind(String lang, String langVersion) {
        Run run = new Run(newExecutionId(), newExecutionId(), newExecutionId(), newExecutionId());
        givenExecution(run.completed(), lang, langVersion);
        givenExecution(run.failed(), lang, langVersion);
        givenExecution(run.timedOut(), lang, langVersion);
        publish(completedTopic, TestEvents.completed(run.completed(), 0, "", ""));
        publish(failedTopic, TestEvents.failed(run.failed(), "resource_limit"));
        publish(timeoutTopic, TestEvents.timeout(run.timedOut(), 5));
        publish(completedTopic, TestEvents.completed(run.unknown(), 0, "", ""));
        String poison = newExecutionId();
        publish(completedTopic, poison, "not json".getBytes(StandardCharsets.UTF_8), Map.of());
        awaitRecords(storedTopic, 1, keyed(run.completed()));
        awaitRecords(storedTopic, 1, keyed(run.failed()));
        awaitRecords(storedTopic, 1, keyed(run.timedOut()));
        awaitRecords(resultFailedTopic, 1, keyed(run.unknown()));
        awaitRecords(deadLetterTopic, 1, keyed(poison));
        return run;
    }

    @Test
    void routeMBeansShowTheCompletedExchangesAndCanStopAndStartTheConsumer() throws Exception {
        String id = newExecutionId();
        givenExecution(id);
        publish(completedTopic, TestEvents.completed(id, 0, "", ""));
        awaitRecords(storedTopic, 1, keyed(id));

        ObjectName consumer = route("execution-events");
        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) jmx.getAttribute(consumer, "ExchangesCompleted") >= 1);
        assertThat((Long) jmx.getAttribute(consumer, "ExchangesFailed")).isZero();
        assertThat((Long) jmx.getAttribute(route("store-and-publish"), "ExchangesCompleted")).isGreaterThanOrEqualTo(1);

        jmx.invoke(consumer, "stop", null, null);
        assertThat(jmx.getAttribute(consumer, "State")).isEqualTo("Stopped");
        jmx.invoke(consumer, "start", null, null);
        assertThat(jmx.getAttribute(consumer, "State")).isEqualTo("Started");

        String after = newExecutionId();
        givenExecution(after);
        publish(completedTopic, TestEvents.completed(after, 0, "", ""));
        awaitRecords(storedTopic, 1, keyed(after));
    }

    @Test
    void theRouteMetricsLeaveOutThePerRecordRouteWhichJmxStillCounts() throws Exception {
        // a poison record and a good one: a batch with poison in it is mapped record by record, through map-event
        String id = newExecutionId();
        givenExecution(id);
        String poison = newExecutionId();
        publish(completedTopic, poison, "not json".getBytes(StandardCharsets.UTF_8), Map.of());
        publish(completedTopic, TestEvents.completed(id, 0, "", ""));
        awaitRecords(storedTopic, 1, keyed(id));
        awaitRecords(deadLetterTopic, 1, keyed(poison));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(routeExchangeSeries())
                .anyMatch(line -> line.contains("routeId=\"store-batch\""))
                .anyMatch(line -> line.contains("routeId=\"execution-events\""))
                .noneMatch(line -> line.contains("routeId=\"map-event\"")));
        assertThat((Long) jmx.getAttribute(route("map-event"), "ExchangesCompleted")).isGreaterThanOrEqualTo(1);
        // the routes' own gauges are still served, from a notifier that takes no exchange events
        assertThat(metric("camel_routes_running_routes")).isGreaterThan(10);
        assertThat(metric("camel_routes_added_routes")).isGreaterThan(10);
    }

    /** The camel_exchanges_total lines /observe/metrics serves now. */
    private List<String> routeExchangeSeries() {
        return observe("/observe/metrics").body().lines().filter(line -> line.startsWith("camel_exchanges_total{"))
                .toList();
    }

    @Test
    void healthIsUpWithTheConsumerRunning() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var response = observe("/observe/health");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"status\":\"UP\"")
                    .contains("{\"name\":\"consumer:execution-events\",\"status\":\"UP\"}")
                    .contains("{\"name\":\"mongodb\",\"status\":\"UP\"}");
        });
    }

    @Test
    void theOriginalServicesSeriesAreServedWithTheirLabelsAndCountedAsItCountsThem() {
        String group = "consumer_group=\"" + lane.group() + "\"";
        String kafka = "messaging_system=\"kafka\"";
        Map<String, Supplier<Double>> series = new LinkedHashMap<>();
        series.put("unknown execution stored", () -> metric("script_executions_total", "status=\"completed\"",
                "lang_and_version=\"unknown-unknown\""));
        series.put("resource_limit", () -> metric("script_errors_total", "error_type=\"resource_limit\""));
        series.put("timeout", () -> metric("script_errors_total", "error_type=\"timeout\""));
        series.put("poison", () -> metric("event_processing_errors_total", "topic=\"" + completedTopic + "\"",
                "event_type=\"unknown\"", group, "error_type=\"poison_record\""));
        series.put("not found", () -> metric("event_processing_errors_total", "topic=\"" + completedTopic + "\"",
                "event_type=\"execution_completed\"", group, "error_type=\"execution_not_found\""));
        series.put("completed latency", () -> metric("event_processing_duration_seconds_count",
                "event_type=\"execution_completed\""));
        series.put("failed latency", () -> metric("event_processing_duration_seconds_count", "event_type=\"execution_failed\""));
        series.put("timeout latency", () -> metric("event_processing_duration_seconds_count",
                "event_type=\"execution_timeout\""));
        series.put("consumed completed", () -> metric("messaging_process_messages_total",
                kafka,
                "messaging_destination_publish_name=\"" + completedTopic + "\""));
        series.put("consumed failed", () -> metric("messaging_process_messages_total",
                kafka,
                "messaging_destination_publish_name=\"" + failedTopic + "\""));
        series.put("consumed timeout", () -> metric("messaging_process_messages_total",
                kafka,
                "messaging_destination_publish_name=\"" + timeoutTopic + "\""));
        series.put("published stored", () -> metric("messaging_publish_messages_total",
                kafka,
                "messaging_destination_name=\"" + storedTopic + "\""));
        series.put("published failed", () -> metric("messaging_publish_messages_total",
                kafka,
                "messaging_destination_name=\"" + resultFailedTopic + "\""));
        series.put("published dead letter", () -> metric("messaging_publish_messages_total",
                kafka,
                "messaging_destination_name=\"" + deadLetterTopic + "\""));
        series.put("results stored", () -> metric("results_stored_total"));
        series.put("results failed", () -> metric("results_failed_total"));
        series.put("dead letters", () -> metric("records_dead_lettered_total"));
        Map<String, Double> before = new LinkedHashMap<>();
        series.forEach((name, value) -> before.put(name, value.get()));

        oneOfEachKind(LANG, LANG_VERSION);

        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("unknown execution stored", 1.0);
        expected.put("resource_limit", 1.0);
        expected.put("timeout", 1.0);
        expected.put("poison", 1.0);
        expected.put("not found", 1.0);
        expected.put("completed latency", 2.0);
        expected.put("failed latency", 1.0);
        expected.put("timeout latency", 1.0);
        expected.put("consumed completed", 3.0);
        expected.put("consumed failed", 1.0);
        expected.put("consumed timeout", 1.0);
        expected.put("published stored", 3.0);
        expected.put("published failed", 1.0);
        expected.put("published dead letter", 1.0);
        expected.put("results stored", 3.0);
        expected.put("results failed", 1.0);
        expected.put("dead letters", 1.0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Double> counted = new LinkedHashMap<>();
            series.forEach((name, value) -> counted.put(name, value.get() - before.get(name)));
            assertThat(counted).isEqualTo(expected);
        });

        // the executions of this language happen in this test only: its series hold exactly this run
        assertThat(metric("script_executions_total", "status=\"completed\"", LANG_AND_VERSION)).isEqualTo(1);
        assertThat(metric("script_executions_total", "status=\"failed\"", LANG_AND_VERSION)).isEqualTo(1);
        assertThat(metric("script_executions_total", "status=\"timeout\"", LANG_AND_VERSION)).isEqualTo(1);
        // duration: the completed one's wall seconds (0.052341) and the timed-out one's limit (5 s); none for failed
        assertThat(metric("script_execution_duration_seconds_count", LANG_AND_VERSION)).isEqualTo(2);
        assertThat(metric("script_execution_duration_seconds_sum", LANG_AND_VERSION)).isCloseTo(5.052341, within());
        assertThat(metric("script_execution_duration_seconds_bucket", LANG_AND_VERSION, "le=\"0.1\"")).isEqualTo(1);
        assertThat(metric("script_execution_duration_seconds_bucket", LANG_AND_VERSION, "le=\"5.0\"")).isEqualTo(2);
        // memory: the completed one's peak, 9216 KiB = 9 MiB, of a 0.25Gi (256 MiB) pod
        assertThat(metric("script_memory_usage_MiB_count", LANG_AND_VERSION)).isEqualTo(1);
        assertThat(metric("script_memory_usage_MiB_sum", LANG_AND_VERSION)).isCloseTo(9.0, within());
        assertThat(metric("script_memory_usage_MiB_bucket", LANG_AND_VERSION, "le=\"16.0\"")).isEqualTo(1);
        assertThat(metric("script_memory_utilization_percent_sum", LANG_AND_VERSION)).isCloseTo(100.0 * 9 / 256, within());
        assertThat(metric("script_memory_utilization_percent_bucket", LANG_AND_VERSION, "le=\"5.0\"")).isEqualTo(1);
        assertThat(metric("script_memory_utilization_percent_bucket", LANG_AND_VERSION, "le=\"+Inf\"")).isEqualTo(1);
        assertThat(metric("event_processing_duration_seconds_bucket", "event_type=\"execution_completed\"", "le=\"+Inf\""))
                .isGreaterThanOrEqualTo(2);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    @Test
    void theConsumersLagComesFromTheKafkaClientsOwnMetrics() {
        oneOfEachKind("python", "3.12");
        assertThat(observe("/observe/metrics").body().lines()
                .filter(line -> line.startsWith("kafka_consumer_fetch_manager_records_lag_max{"))
                .filter(line -> line.contains("client_id=\"")))
                .as("the consumer's records-lag-max").isNotEmpty();
    }

    @Test
    void jolokiaReadsARoutesCompletedExchangesAndRefusesToStopIt() throws Exception {
        String id = newExecutionId();
        givenExecution(id);
        publish(completedTopic, TestEvents.completed(id, 0, "", ""));
        awaitRecords(storedTopic, 1, keyed(id));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode read = jolokia("read/" + routeMBean("execution-events") + "/ExchangesCompleted");
            assertThat(read.path("status").asInt()).isEqualTo(200);
            assertThat(read.path("value").asLong()).isGreaterThanOrEqualTo(1);
        });

        JsonNode stop = jolokia("exec/" + routeMBean("execution-events") + "/stop");
        assertThat(stop.path("status").asInt()).as(stop.toString()).isEqualTo(403);
        assertThat(context().getRouteController().getRouteStatus("execution-events").isStarted()).isTrue();
    }

    @Test
    void theSameMetersArePushedToTheOpenTelemetryCollector() {
        oneOfEachKind("python", "3.12");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(COLLECTOR.metrics().keySet()).contains(
                "script.executions.total", "script.errors.total", "script.execution.duration",
                "script.memory.usage.MiB", "script.memory.utilization.percent", "event.processing.errors.total",
                "event.processing.duration", "messaging.process.messages.total", "messaging.publish.messages.total",
                "results.stored.total", "records.dead_lettered.total", "kafka.consumer.fetch.manager.records.lag.max",
                "camel.exchanges.total", "jvm.memory.used"));
        Metric duration = COLLECTOR.metrics().get("script.execution.duration");
        assertThat(duration.hasHistogram()).as("pushed as a histogram").isTrue();
        assertThat(duration.getHistogram().getDataPoints(0).getExplicitBoundsList()).contains(0.1, 5.0, 600.0);
    }

    /** The series the queries of the project's dashboard and the original's dashboards (over this service's) read. */
    static Set<String> seriesTheDashboardsQuery() {
        Set<String> names = new TreeSet<>();
        DashboardQueries.ofDashboard(DashboardQueries.PROJECT_DASHBOARD).forEach(query -> names.addAll(query.seriesNamed()));
        DashboardQueries.original().forEach(query -> names.addAll(query.seriesNamed()));
        return names;
    }

    @Test
    void everySeriesTheDashboardsQueryIsServedAfterARun() {
        oneOfEachKind("python", "3.12");
        Set<String> queried = seriesTheDashboardsQuery();
        assertThat(queried).as("the dashboards' series").hasSizeGreaterThan(10)
                .contains("script_executions_total", "event_processing_duration_seconds_bucket",
                        "kafka_consumer_fetch_manager_records_lag_max", "cleanup_backlog", "cleanup_sweep_runs_total",
                        "messaging_process_messages_total", "messaging_publish_messages_total",
                        "script_memory_utilization_percent_bucket");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(servedSeries()).containsAll(queried));
    }

    /** The names of the series /observe/metrics serves now. */
    private Set<String> servedSeries() {
        Set<String> served = new TreeSet<>();
        observe("/observe/metrics").body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> served.add(line.split("[{ ]", 2)[0]));
        return served;
    }
}
