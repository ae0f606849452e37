package org.integr8scode.resultprocessor.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.integr8scode.resultprocessor.support.FreePorts;

/**
 * The MongoDB Kafka sink connector (org.mongodb.kafka:mongo-kafka-connect 2.0.1, its -all jar on the worker's
 * plugin.path) in a Kafka Connect 3.9.1 standalone worker ({@code ConnectStandalone}) as its own JVM. It sinks
 * the three input topics into one collection, _id = the record key (the execution_id) by HoistField$Key and
 * ProvidedInKeyStrategy, with the connector's default write model (a replace by _id, upserting) and batching (all
 * records of a poll in one bulk write). It neither reads nor updates {@code executions} and publishes nothing.
 *
 * <p>Its classpath is resolved by Maven from src/test/resources/benchmark/connect-worker.pom.xml into
 * target/benchmark/connect, apart from the project's (the -all jar bundles MongoDB driver 4.7 and Jackson).
 */
final class ConnectorSubject extends Subject {

    static final String CONNECT_VERSION = "3.9.1";
    static final String CONNECTOR_VERSION = "2.0.1";

    private final Path directory = DIRECTORY.resolve("connect").toAbsolutePath();
    private Process process;

    @Override
    String name() {
        return "connector";
    }

    @Override
    String description() {
        return "java " + HEAP + " ConnectStandalone " + CONNECT_VERSION + " + mongo-kafka-connect " + CONNECTOR_VERSION
                + " (sink, tasks.max=1, defaults)";
    }

    @Override
    boolean publishesResults() {
        return false;
    }

    /** Resolves the worker's classpath and the connector's jar through Maven (a separate POM, its own classpath). */
    void prepare() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        List<String> command = new ArrayList<>(List.of(System.getProperty("benchmark.maven", "mvn"), "-B", "-q",
                "-f", Path.of("src/test/resources/benchmark/connect-worker.pom.xml").toAbsolutePath().toString(),
                "-Dconnect.dir=" + directory));
        String repository = System.getProperty("benchmark.maven.repo", "");
        if (!repository.isBlank() && !repository.startsWith("${")) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        if (Boolean.getBoolean("benchmark.maven.offline")) {
            command.add("-o");
        }
        command.add("generate-resources");
        Path output = directory.resolve("maven.log");
        Process maven = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0
                || !Files.isRegularFile(directory.resolve("classpath.txt"))) {
            throw new IllegalStateException("resolving Kafka Connect and the MongoDB connector failed: " + command
                    + "\n" + Files.readString(output));
        }
    }

    @Override
    void start(Lane lane) throws IOException {
        Path worker = directory.resolve("worker.properties");
        Files.writeString(worker, String.join("\n",
                "bootstrap.servers=" + lane.bootstrapServers(),
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable=false",
                "offset.storage.file.filename=" + directory.resolve("standalone.offsets"),
                "plugin.path=" + directory.resolve("plugins"),
                // the connector's jar has no ServiceLoader manifests: found by scanning, as by default, without the warning
                "plugin.discovery=only_scan",
                "listeners=http://127.0.0.1:" + FreePorts.next(),
                ""));
        Path connector = directory.resolve("mongo-sink.properties");
        Files.writeString(connector, String.join("\n",
                "name=bench-mongo-sink",
                "connector.class=com.mongodb.kafka.connect.MongoSinkConnector",
                "tasks.max=1",
                "topics=" + String.join(",", lane.names().inputTopics()),
                "connection.uri=" + lane.mongoUrl(),
                "database=" + lane.names().database(),
                "collection=" + lane.results().getNamespace().getCollectionName(),
                "transforms=keyAsId",
                "transforms.keyAsId.type=org.apache.kafka.connect.transforms.HoistField$Key",
                "transforms.keyAsId.field=_id",
                "document.id.strategy=com.mongodb.kafka.connect.sink.processor.id.strategy.ProvidedInKeyStrategy",
                ""));
        Path log4j = directory.resolve("log4j.properties");
        Files.writeString(log4j, String.join("\n",
                "log4j.rootLogger=WARN, stdout",
                "log4j.logger.org.apache.kafka.connect.runtime.Connect=INFO",
                "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
                ""));
        Files.deleteIfExists(directory.resolve("standalone.offsets"));
        Files.createDirectories(log().getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = Files.readString(directory.resolve("classpath.txt")).trim();
        process = new ProcessBuilder(List.of(java, HEAP, gcLogOption(), "-Dlog4j.configuration=" + log4j.toUri(),
                "-cp", classpath, "org.apache.kafka.connect.cli.ConnectStandalone", worker.toString(), connector.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log().toFile()))
                .start();
    }

    @Override
    ProcessHandle process() {
        return process == null ? null : process.toHandle();
    }

    @Override
    Path log() {
        return DIRECTORY.resolve("logs").resolve("connector.log");
    }

    @Override
    public void close() {
        stop(process());
    }
}
