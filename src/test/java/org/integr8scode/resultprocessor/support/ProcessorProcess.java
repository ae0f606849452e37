package org.integr8scode.resultprocessor.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.integr8scode.resultprocessor.support.logs.TestLogs;

/**
 * The processor as production runs it: {@code java -Xmx256m -jar target/result-processor.jar} in the project
 * root (so it reads routes/), configured by environment variables, as its own OS process that a test can kill.
 */
public final class ProcessorProcess implements AutoCloseable {

    private final String name;
    private final Map<String, String> environment;
    private final int httpPort;
    private final Path log;
    private Process process;
    private Path workingDirectory = Path.of("");
    private List<String> launcher = List.of();

    public ProcessorProcess(String name, Map<String, String> environment) {
        this.name = name;
        this.environment = new HashMap<>(environment);
        this.httpPort = FreePorts.next();
        this.environment.put("HTTP_PORT", String.valueOf(httpPort));
        this.log = Path.of("target", "it-logs", name + ".log");
    }

    /** Runs it in that directory (routes/ there) rather than the project root. */
    public ProcessorProcess inDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /** Runs it through a launcher, e.g. setpriv to drop root's rights. */
    public ProcessorProcess launchedBy(List<String> command) {
        this.launcher = List.copyOf(command);
        return this;
    }

    /**
     * The logs written in this test run: the first start of a name begins its log afresh (a log left by an earlier
     * run would be read as this one's), a restart appends to it.
     */
    private static final java.util.Set<Path> LOGS_STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ProcessorProcess start() {
        String jar = System.getProperty("processor.jar", "target/result-processor.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException(jar + " is missing: the reliability tests run the packaged jar (mvn verify)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(launcher);
            command.addAll(List.of(java, "-Xmx256m", "-jar", Path.of(jar).toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toAbsolutePath().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(LOGS_STARTED.add(log.toAbsolutePath())
                            ? ProcessBuilder.Redirect.to(log.toFile())
                            : ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            TestLogs.attach(log);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no last commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: camel-main's graceful shutdown; answers the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** What the process has logged since its log was {@code offset} bytes long. */
    public String logSince(long offset) {
        try (var channel = java.nio.channels.FileChannel.open(log)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.max(0, channel.size() - offset));
            channel.read(buffer, offset);
            return new String(buffer.array(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public long logSize() {
        try {
            return java.nio.file.Files.size(log);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** /observe/health: status code and body, or null when nothing answers. */
    public HttpResponse<String> health() {
        return health("");
    }

    /**
     * The HTTP status of the liveness probe (/observe/health/live) and the readiness probe (/observe/health/ready)
     * as the Deployment in deploy/ asks them, e.g. "200/503"; "-1" for one that nothing answers.
     */
    public String probes() {
        return status(health("/live")) + "/" + status(health("/ready"));
    }

    private static int status(HttpResponse<String> response) {
        return response == null ? -1 : response.statusCode();
    }

    /** /observe/health followed by {@code path}: status code and body, or null when nothing answers. */
    public HttpResponse<String> health(String path) {
        return get("/observe/health" + path);
    }

    /** Any path of the management port, e.g. /observe/metrics: status code and body, or null when nothing answers. */
    public HttpResponse<String> get(String path) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The stacks of the processor's Kafka threads (jcmd Thread.print), to tell a stuck consumer from a slow one. */
    public String kafkaThreadStacks() {
        if (!isAlive()) {
            return name + " is not running (exit code " + process.exitValue() + ")\n";
        }
        String jcmd = ProcessHandle.current().info().command().map(java -> Path.of(java).resolveSibling("jcmd").toString())
                .orElse("jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd, String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true)
                    .start();
            String threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(30, TimeUnit.SECONDS);
            StringBuilder kafkaThreads = new StringBuilder();
            for (String thread : threads.split("\n\n")) {
                // the consumer, and any Kafka worker that is not idle
                if (thread.startsWith("\"Camel") && thread.contains("Kafka") && !thread.contains("ThreadPoolExecutor.getTask")) {
                    kafkaThreads.append(thread.lines().limit(25).collect(Collectors.joining("\n")))
                            .append("\n\n");
                }
            }
            return name + " Kafka threads:\n" + kafkaThreads;
        } catch (IOException e) {
            return name + ": no thread dump: " + e.getMessage() + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return name + ": interrupted\n";
        }
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            kill();
        }
    }
}
