package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A Kubernetes API that is down for the whole test (it answers 500 to everything, slowly) never stops a result from
 * being stored and published. The clean-up has one thread and room for one more execution: the rest are dropped,
 * counted and left to the sweep, not run on the consumer's thread.
 */
class KubernetesApiFailureTest extends ResultProcessorTestSupport {

    private static final int EXECUTIONS = 10;
    private static final int MAX_ATTEMPTS = 2;
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final HttpServer FAILING_API = failingApi();

    private static HttpServer failingApi() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                REQUESTS.incrementAndGet();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = "{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":500}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("cleanup.enabled", "true");
        properties.setProperty("kubernetes.master", "http://127.0.0.1:" + FAILING_API.getAddress().getPort());
        properties.setProperty("cleanup.threads", "1");
        properties.setProperty("cleanup.queue-size", "1");
        properties.setProperty("cleanup.max-attempts", String.valueOf(MAX_ATTEMPTS));
        properties.setProperty("cleanup.retry-initial-delay-ms", "50");
        return properties;
    }

    @AfterAll
    void stopApi() {
        FAILING_API.stop(0);
    }

    @Test
    void resultsAreStoredAndPublishedWhileEveryCleanUpFails() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            String id = newExecutionId();
            givenExecution(id);
            ids.add(id);
            publish(completedTopic, TestEvents.completed(id, 0, "", ""));
        }

        for (String id : ids) {
            awaitRecords(storedTopic, 1, keyed(id));
            assertThat(execution(id).getString("status")).isEqualTo("completed");
        }
        // each execution's clean-up either ran, and failed for its pod and its ConfigMap, or was dropped
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("cleanup_deletions_total", "outcome=\"failed\"")
                + 2 * metric("cleanup_dropped_total") == 2 * EXECUTIONS);
        assertThat(metric("cleanup_dropped_total")).as("a full backlog drops, it does not run on the consumer")
                .isGreaterThanOrEqualTo(1);
        assertThat(metric("cleanup_deletions_total", "kind=\"pod\"", "outcome=\"failed\""))
                .isEqualTo(metric("cleanup_deletions_total", "kind=\"configmap\"", "outcome=\"failed\""));
        assertThat(REQUESTS.get()).as("each clean-up that ran tried each delete " + MAX_ATTEMPTS + " times")
                .isEqualTo((int) metric("cleanup_deletions_total", "outcome=\"failed\"") * MAX_ATTEMPTS);
        assertThat(observe("/observe/metrics").body()).contains("cleanup_backlog ");
    }
}
