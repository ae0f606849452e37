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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A Kubernetes API that is down for the whole test never stops a result from being stored and published: the first
 * request of each clean-up (one a kind and batch) it drops without an answer, as an API server that crashes or
 * restarts does, and answers the retries 500, all slowly. The clean-up has one thread and room for one more batch:
 * the rest are dropped, their executions counted and left to the sweep, not run on the consumer's thread.
 */
class KubernetesApiFailureTest extends ResultProcessorTestSupport {

    private static final int EXECUTIONS = 10;
    private static final int MAX_ATTEMPTS = 2;
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger UNANSWERED = new AtomicInteger();
    private static final Set<String> PATHS_REQUESTED = ConcurrentHashMap.newKeySet();
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
                // each delete's first attempt gets no answer, its retry a 500 (a delete is its kind and its
                // executions: the path and the label selector)
                if (PATHS_REQUESTED.add(exchange.getRequestURI().toString())) {
                    UNANSWERED.incrementAndGet();
                    // closed before any response is sent: the connection ends, and the client has no status code
                    exchange.close();
                    return;
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
        // one after another, each stored and published before the next is sent: a batch each, so that the clean-up
        // queue (one thread, room for one batch) is offered far more batches than it can take while the API fails
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            String id = newExecutionId();
            givenExecution(id);
            ids.add(id);
            publish(completedTopic, TestEvents.completed(id, 0, "", ""));
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
        assertThat(UNANSWERED.get()).as("each delete that ran (one a kind and batch) had no answer at first")
                .isEqualTo(PATHS_REQUESTED.size()).isEven().isGreaterThanOrEqualTo(2);
        assertThat(REQUESTS.get()).as("each delete that ran was tried " + MAX_ATTEMPTS + " times, after no answer as"
                        + " after a 500")
                .isEqualTo(UNANSWERED.get() * MAX_ATTEMPTS);
        assertThat(observe("/observe/metrics").body()).contains("cleanup_backlog ");
    }
}
