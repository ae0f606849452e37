package org.integr8scode.resultprocessor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.ConnectionString;
import com.mongodb.ServerAddress;
import org.integr8scode.resultprocessor.support.ProcessorProcess;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.integr8scode.resultprocessor.support.TcpProxy;
import org.junit.jupiter.api.Test;

/**
 * Secrets stay secret: the packaged jar runs with a MongoDB password in MONGODB_URL (as MongoDB's documentation
 * writes it) and another in MONGODB_PASSWORD, and with Kafka's JAAS configuration and truststore password set;
 * it goes through its start-up, a few events, MongoDB away and back. None of the passwords appears in anything it
 * prints, nor on /observe/health, /observe/metrics or anything JMX holds (read over Jolokia).
 */
class SecretsIT extends ReliabilityTestSupport {

    private static final String URL_PASSWORD = "UrlPassw0rd-4a7f";
    private static final String MONGODB_PASSWORD = "SettingPassw0rd-9c21";
    private static final String KAFKA_PASSWORD = "KafkaPassw0rd-31be";
    private static final String TRUSTSTORE_PASSWORD = "TrustPassw0rd-77d0";
    private static final List<String> SECRETS = List.of(URL_PASSWORD, MONGODB_PASSWORD, KAFKA_PASSWORD,
            TRUSTSTORE_PASSWORD);

    @Test
    void noPasswordInTheOutputTheHealthTheMetricsOrJmx() throws Exception {
        ServerAddress mongoAddress = new ServerAddress(
                new ConnectionString(mongoServer().connectionString()).getHosts().get(0));
        try (TcpProxy mongoProxy = new TcpProxy(mongoAddress.getHost(), mongoAddress.getPort())) {
            Map<String, String> environment = processorEnvironment(
                    "mongodb://admin:" + URL_PASSWORD + "@127.0.0.1:" + mongoProxy.port() + "/?authSource=admin");
            environment.put("MONGODB_USERNAME", "processor");
            environment.put("MONGODB_PASSWORD", MONGODB_PASSWORD);
            // a plaintext broker ignores them, but the processor reads, binds and logs its settings all the same
            environment.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"processor\" password=\"" + KAFKA_PASSWORD + "\";");
            environment.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD);
            // this run's output only (the log file is appended to)
            Files.deleteIfExists(Path.of("target", "it-logs", prefix + "-p.log"));
            ProcessorProcess processor = startProcessor("p", environment);
            Map<String, String> seen = new LinkedHashMap<>();

            await().atMost(Duration.ofMinutes(2)).until(() -> processor.probes().startsWith("200/"));
            // events whose storing MongoDB refuses (the stand-in knows no users): errors, retries, their messages
            givenPublishedTerminalEvents(3);
            await().atMost(Duration.ofSeconds(30)).until(() -> processor.logSince(0).contains("Exception authenticating"));
            observe(processor, seen, "with MongoDB refusing");

            mongoProxy.cut();
            await().atMost(Duration.ofSeconds(30)).until(() -> processor.probes().equals("200/503"));
            Thread.sleep(5_000);
            observe(processor, seen, "with MongoDB away");
            mongoProxy.restore();
            await().atMost(Duration.ofSeconds(30)).until(() -> processor.probes().equals("200/200"));
            observe(processor, seen, "with MongoDB back");
            processor.terminate();
            seen.put("its output", Files.readString(processor.log()));

            // what was looked at is what a leak would show in: the settings, the URL's place, MongoDB's errors, JMX
            assertThat(seen.get("its output")).contains("mongodb.url = xxxxxx")
                    .contains("mongodb.password = xxxxxx").contains("Exception authenticating");
            assertThat(seen.get("/observe/health with MongoDB away")).contains("\"name\":\"mongodb\",\"status\":\"DOWN\"");
            assertThat(seen.get("/observe/metrics with MongoDB back")).contains("camel_exchanges_total");
            assertThat(seen.get("/observe/jolokia/read/*:* with MongoDB back")).contains("org.apache.camel:")
                    .contains("execution-events");
            seen.forEach((what, text) -> SECRETS.forEach(secret ->
                    assertThat(text).as("a password in " + what).doesNotContain(secret)));
        }
    }

    private static void observe(ProcessorProcess processor, Map<String, String> seen, String when) {
        for (String path : List.of("/observe/health", "/observe/health/ready", "/observe/metrics",
                "/observe/jolokia/list", "/observe/jolokia/read/*:*?ignoreErrors=true")) {
            HttpResponse<String> response = processor.get(path);
            assertThat(response).as(path + " answers").isNotNull();
            seen.put(path.replace("?ignoreErrors=true", "") + " " + when, response.body());
        }
    }
}
