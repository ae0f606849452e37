package org.integr8scode.resultprocessor.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Prometheus server (the binary Debian's {@code prometheus} package installs), in a process of its own with
 * its configuration and its storage in a temporary directory, scraping one target. Its HTTP API answers queries.
 * Closing it stops the process and removes the directory.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final String JOB = "result-processor";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Process process;
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param binary the prometheus executable
     * @param port the port its API listens on (localhost)
     * @param target host:port of the processor's management port
     * @param metricsPath where the processor serves its metrics
     * @param scrapeInterval how often it scrapes: short, so that a rate has samples within seconds
     */
    public PrometheusServer(String binary, int port, String target, String metricsPath, Duration scrapeInterval)
            throws IOException {
        directory = Files.createTempDirectory("prometheus-check-");
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: " + scrapeInterval.toMillis() + "ms",
                "  evaluation_interval: " + scrapeInterval.toMillis() + "ms",
                "scrape_configs:",
                "  - job_name: " + JOB,
                "    metrics_path: " + metricsPath,
                "    scrape_timeout: " + scrapeInterval.toMillis() + "ms",
                "    static_configs:",
                "      - targets: ['" + target + "']",
                ""));
        api = URI.create("http://127.0.0.1:" + port);
        process = new ProcessBuilder(binary, "--config.file=" + config, "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
        // a check stopped from outside (Ctrl-C, a CI timeout's SIGTERM) leaves no Prometheus and no directory behind
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "prometheus-stop"));
    }

    /** Waits until the server answers as ready and has scraped the target successfully at least {@code scrapes} times. */
    public void awaitScrapes(int scrapes, Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                QueryAnswer up = query("sum_over_time(up{job=\"" + JOB + "\"}[10m])");
                if (up.succeeded() && up.maxValue() >= scrapes) {
                    return;
                }
            } catch (UncheckedIOException notYetListening) {
                // started, not yet answering
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus did not scrape " + JOB + " " + scrapes + " times in " + atMost
                + "; its targets: " + targets() + "\n" + log());
    }

    /** An instant query, evaluated now, through {@code /api/v1/query}. */
    public QueryAnswer query(String expr) {
        URI uri = api.resolve("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        return QueryAnswer.of(get(uri));
    }

    /** What the server says of its targets (the last scrape's error among it), for a failure's message. */
    public String targets() {
        try {
            return JSON.readTree(get(api.resolve("/api/v1/targets"))).path("data").path("activeTargets").toString();
        } catch (IOException | RuntimeException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    private String get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the process, forcibly if it does not stop in 20 s, and removes its directory; once is enough. */
    private synchronized void stop() {
        try {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("prometheus-check: could not remove " + directory + ": " + e.getMessage());
            }
        }
    }

    /** An answer of the API, as JSON; an answer that is not JSON fails loudly, with its text. */
    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
