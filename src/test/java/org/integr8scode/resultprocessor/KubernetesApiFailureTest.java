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

/** A Kubernetes API that answers 500 to everything never stops a result from being stored and published. */
class KubernetesApiFailureTest extends ResultProcessorTestSupport {

    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final HttpServer FAILING_API = failingApi();

    private static HttpServer failingApi() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                REQUESTS.incrementAndGet();
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
        properties.setProperty("cleanup.max-attempts", "2");
        properties.setProperty("cleanup.retry-initial-delay-ms", "50");
        return properties;
    }

    @AfterAll
    void stopApi() {
        stopApplication();
        FAILING_API.stop(0);
    }

    @Test
    void resultsAreStoredAndPublishedWhileEveryCleanUpFails() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = newExecutionId();
            givenExecution(id);
            ids.add(id);
            publish(completedTopic, TestEvents.completed(id, 0, "", ""));
        }

        for (String id : ids) {
            awaitRecords(storedTopic, 1, keyed(id));
            assertThat(execution(id).getString("status")).isEqualTo("completed");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> metric("cleanup_deletions_total", "outcome=\"failed\"") >= 5);
        assertThat(REQUESTS.get()).as("the clean-up did call the API").isGreaterThanOrEqualTo(5);
    }
}
