package org.integr8scode.resultprocessor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.integr8scode.resultprocessor.support.logs.TestLogs;

/**
 * A real Kafka broker (KRaft, combined node) as its own OS process, {@code kafka.Kafka server.properties} on
 * the test classpath after {@code kafka.tools.StorageTool format}, on fixed ports and a data directory that
 * survive a restart: what a test needs to stop and restart the broker under a running processor.
 */
public final class KafkaProcess implements KafkaService {

    /** The one user of the SASL listener (PLAIN), and its password. */
    public static final String SASL_USER = "processor";
    public static final String SASL_PASSWORD = "processor-secret";

    private final int port = FreePorts.next();
    private final int saslPort = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private final Path directory;
    private final Path properties;
    /** Where the broker logs, beside the tests' logs (logback-test.xml, on its classpath too), begun afresh. */
    private final Path log = TestLogs.DIRECTORY.resolve("kafka-broker.log");
    private Process process;

    public KafkaProcess(int partitions) {
        try {
            directory = Files.createTempDirectory("kafka-process");
            Files.deleteIfExists(log);
            properties = directory.resolve("server.properties");
            Files.writeString(properties, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                            + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                    // a listener that wants a user and password (SASL PLAIN), for the processor as a secured Kafka
                    // would have it; the tests' own clients use the plaintext one
                    "sasl.enabled.mechanisms=PLAIN",
                    "listener.name.sasl_plaintext.plain.sasl.jaas.config="
                            + "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + SASL_USER
                            + "=\"" + SASL_PASSWORD + "\";",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + directory.resolve("data"),
                    "num.partitions=" + partitions,
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=true",
                    ""));
            run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                    properties.toString()), Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    public synchronized void start() {
        try {
            process = java(List.of("kafka.Kafka", properties.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("broker.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    /** Stops the broker as a crash would (SIGKILL); its data stays for the next start. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The listener that wants SASL PLAIN (SASL_USER, SASL_PASSWORD). */
    public String saslBootstrapServers() {
        return "127.0.0.1:" + saslPort;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker process exited; see " + log + " and "
                            + directory.resolve("broker.log"));
                }
            }
        }
        throw new IllegalStateException("the Kafka broker did not become ready; see " + log + " and "
                + directory.resolve("broker.log"));
    }

    private ProcessBuilder java(List<String> arguments) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m"));
        // more JVM options for the broker (the benchmark gives its JIT options here: -Dkafka-process.jvm-options)
        String options = System.getProperty("kafka-process.jvm-options", "").trim();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-Dtest-log.name=" + log.getFileName().toString().replace(".log", ""),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private void run(List<String> arguments, Duration timeout) {
        try {
            Process tool = java(arguments)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("format.log").toFile())).start();
            if (!tool.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || tool.exitValue() != 0) {
                throw new IllegalStateException("kafka storage format failed; see " + directory.resolve("format.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
