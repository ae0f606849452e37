package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/** What an operator watches: route MBeans over JMX, /observe/health and the Prometheus metrics. */
class OperationsTest extends ResultProcessorTestSupport {

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    private ObjectName route(String routeId) throws Exception {
        // this class's context: the contexts of the test classes run before it live on, and the first of them
        // holds the name result-processor (this one is then result-processor-1, ...)
        Set<ObjectName> names = jmx.queryNames(new ObjectName("org.apache.camel:context=" + context().getManagementName()
                + ",type=routes,name=\"" + routeId + "\""), null);
        assertThat(names).as("route MBean of " + routeId).hasSize(1);
        return names.iterator().next();
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
    void metricsKeepTheOriginalServiceNamesAndCountWhatHappened() {
        String completed = newExecutionId();
        String timedOut = newExecutionId();
        givenExecution(completed);
        givenExecution(timedOut);
        publish(completedTopic, TestEvents.completed(completed, 0, "", ""));
        publish(timeoutTopic, TestEvents.timeout(timedOut, 5));
        publish(completedTopic, null, "not json".getBytes(StandardCharsets.UTF_8), Map.of());
        awaitRecords(storedTopic, 1, keyed(completed));
        awaitRecords(storedTopic, 1, keyed(timedOut));
        awaitRecords(deadLetterTopic, 1, r -> true);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric("script_executions_total", "status=\"completed\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric("script_executions_total", "status=\"timeout\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric("script_execution_duration_count")).isGreaterThanOrEqualTo(2);
            assertThat(metric("script_memory_usage_count")).isGreaterThanOrEqualTo(2);
            assertThat(metric("script_errors_total", "error_type=\"timeout\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric("event_processing_errors_total", "error_type=\"poison_record\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric("results_stored_total")).isGreaterThanOrEqualTo(2);
            assertThat(metric("records_dead_lettered_total")).isGreaterThanOrEqualTo(1);
        });
    }
}
