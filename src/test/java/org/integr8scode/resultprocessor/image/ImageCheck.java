package org.integr8scode.resultprocessor.image;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.integr8scode.resultprocessor.deploy.Manifests;
import org.integr8scode.resultprocessor.support.ApiExecutions;
import org.integr8scode.resultprocessor.support.FreePorts;
import org.integr8scode.resultprocessor.support.InputProducer;
import org.integr8scode.resultprocessor.support.KafkaProcess;
import org.integr8scode.resultprocessor.support.MongoStandIn;
import org.integr8scode.resultprocessor.support.ResultTopics;
import org.integr8scode.resultprocessor.support.TcpProxy;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.integr8scode.resultprocessor.support.Topics;

/**
 * The image (built from the Dockerfile by .ci/image-check) run as deploy/ runs it, with Podman: the Deployment's
 * user, read-only root file system with a writable /tmp, no capabilities, no privilege escalation, its memory limit
 * (no swap), its JAVA_OPTS and settings, the routes mounted as a ConfigMap volume lays them out; on the host's
 * network, against a Kafka broker and the MongoDB stand-in started here. It checks the probes (live 200 and ready
 * 503 while MongoDB is unreachable, both 200 once it is back), that every event is stored and answered, reads the
 * container's peak memory from its cgroup, and stops it with SIGTERM, which must end it within the Deployment's
 * grace period. Any failure ends it with an exception, so .ci/run fails.
 *
 * mvn -B -q test-compile exec:exec@image-check -Dimage-check.image=result-processor:1.0.0
 */
public final class ImageCheck {

    private static final int SMALL_EVENTS = 400;
    /** a backlog of large outputs, the case that needs the most memory (LargeOutputsIT) */
    private static final int LARGE_EVENTS = 100;
    private static final int LARGE_OUTPUT_BYTES = 900 * 1024;

    private final String image = System.getProperty("image-check.image", "result-processor:1.0.0");
    private final String container = "result-processor-image-check-" + ProcessHandle.current().pid();
    private final Path work;

    private ImageCheck() throws IOException {
        work = Files.createTempDirectory("image-check");
    }

    public static void main(String[] args) throws Exception {
        new ImageCheck().run();
        System.exit(0);
    }

    private void run() throws Exception {
        List<HasMetadata> objects = Manifests.render(Manifests.DEPLOY);
        PodSpec pod = Manifests.one(objects, Deployment.class).getSpec().getTemplate().getSpec();
        Container spec = pod.getContainers().get(0);
        long limit = Quantity.getAmountInBytes(spec.getResources().getLimits().get("memory")).longValue();
        long grace = pod.getTerminationGracePeriodSeconds();
        String javaOptions = spec.getEnv().stream().filter(v -> v.getName().equals("JAVA_OPTS")).findFirst().orElseThrow()
                .getValue();
        Map<String, String> settings = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().startsWith("result-processor-settings-")).findFirst().orElseThrow()
                .getData();
        String routesMount = mount(spec, "routes").getMountPath();
        String tmpMount = mount(spec, "tmp").getMountPath();
        long uid = pod.getSecurityContext().getRunAsUser();
        long gid = pod.getSecurityContext().getRunAsGroup();

        try (KafkaProcess kafka = new KafkaProcess(3); MongoStandIn mongoServer = new MongoStandIn();
                TcpProxy mongoProxy = new TcpProxy("127.0.0.1", port(mongoServer.connectionString()));
                MongoClient mongo = MongoClients.create(mongoServer.connectionString())) {
            Topics.createAndAwaitLeaders(kafka.bootstrapServers(), List.of("execution_completed", "execution_failed",
                    "execution_timeout", "result_stored", "result_failed", "result_processor_dlq"), 3);
            int httpPort = FreePorts.next();
            Map<String, String> environment = new TreeMap<>(settings);
            environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            environment.put("MONGODB_URL", "mongodb://127.0.0.1:" + mongoProxy.port());
            environment.put("HTTP_PORT", String.valueOf(httpPort));
            // no Kubernetes API here
            environment.put("CLEANUP_ENABLED", "false");
            environment.put("JAVA_OPTS", javaOptions);

            List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc", "run", "--detach",
                    "--name", container, "--network", "host",
                    "--user", uid + ":" + gid,
                    "--read-only", "--read-only-tmpfs=false",
                    "--volume", writableTmp() + ":" + tmpMount,
                    "--volume", routesAsConfigMapVolume() + ":" + routesMount + ":ro",
                    "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                    "--memory", String.valueOf(limit), "--memory-swap", String.valueOf(limit),
                    // at or below the host's limits: runc refuses to raise them
                    "--ulimit", "nofile=1024:20000", "--ulimit", "nproc=1024:1024"));
            environment.forEach((name, value) -> command.addAll(List.of("--env", name + "=" + value)));
            command.add(image);

            mongoProxy.cut();
            Instant started = Instant.now();
            podman(command);
            try {
                check(httpPort, limit, grace, uid, mongoProxy, kafka, mongo, started);
            } catch (Exception | AssertionError e) {
                System.out.println("image-check: the container's log:\n" + podmanOutput(List.of("podman", "logs", container)));
                throw e;
            } finally {
                podmanOutput(List.of("podman", "rm", "--force", "--time", "0", container));
            }
        }
    }

    private void check(int httpPort, long limit, long grace, long uid, TcpProxy mongoProxy, KafkaProcess kafka,
            MongoClient mongo, Instant started) throws Exception {
        await("live 200 and ready 503 while MongoDB is unreachable", Duration.ofSeconds(120),
                () -> probes(httpPort).equals("200/503"));
        System.out.printf("image-check: started in %d s; MongoDB unreachable: live/ready %s%n",
                Duration.between(started, Instant.now()).toSeconds(), probes(httpPort));
        long processUid = containerUid();
        if (processUid != uid) {
            throw new AssertionError("the container's process runs as uid " + processUid + ", not " + uid);
        }
        mongoProxy.restore();
        await("live and ready 200 once MongoDB is back", Duration.ofSeconds(60), () -> probes(httpPort).equals("200/200"));

        MongoDatabase database = mongo.getDatabase("integr8scode");
        List<String> ids = publish(kafka, database);
        try (ResultTopics published = new ResultTopics(kafka.bootstrapServers(), List.of("result_stored"), 3)) {
            await(ids.size() + " results stored and published", Duration.ofMinutes(3),
                    () -> database.getCollection("execution_results").countDocuments() == ids.size()
                            && published.on("result_stored").stream().map(ResultTopics::key).distinct().count() == ids.size());
        }
        if (containerState("{{.State.OOMKilled}}").equals("true") || !containerState("{{.State.Running}}").equals("true")) {
            throw new AssertionError("the container stopped or was OOM-killed under its limit");
        }
        Map<String, Long> memory = peakMemory();
        System.out.printf("image-check: %d events (%d with %d KB outputs) stored and published, live/ready %s, as "
                + "uid %d, read-only root file system; peak memory (cgroup) %d MiB of the %d MiB limit, of which "
                + "resident %d MiB (now) %n", ids.size(), LARGE_EVENTS, LARGE_OUTPUT_BYTES / 1024, probes(httpPort),
                processUid, memory.get("peak") >> 20, limit >> 20, memory.get("rss") >> 20);

        Instant term = Instant.now();
        podman(List.of("podman", "kill", "--signal", "TERM", container));
        String exit = podmanOutput(List.of("timeout", String.valueOf(grace + 15), "podman", "wait", container)).trim();
        long stoppedIn = Duration.between(term, Instant.now()).toMillis();
        if (!exit.equals("143") || stoppedIn > grace * 1000) {
            throw new AssertionError("after SIGTERM: exit " + exit + " in " + stoppedIn + " ms; expected 143 within "
                    + grace + " s (terminationGracePeriodSeconds)");
        }
        System.out.printf("image-check: SIGTERM: exit 143 in %.1f s (grace period %d s)%n", stoppedIn / 1000.0, grace);
        System.out.println("image-check: 1 passed, 0 failed");
    }

    private List<String> publish(KafkaProcess kafka, MongoDatabase database) throws Exception {
        List<String> ids = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        String large = "x".repeat(LARGE_OUTPUT_BYTES);
        for (int i = 0; i < SMALL_EVENTS + LARGE_EVENTS; i++) {
            String id = TestEvents.newExecutionId();
            ids.add(id);
            var event = i < LARGE_EVENTS ? TestEvents.completed(id, 0, large, "")
                    : switch (i % 3) {
                        case 0 -> TestEvents.completed(id, i % 7, "out " + i, "");
                        case 1 -> TestEvents.failed(id, "system_error");
                        default -> TestEvents.timeout(id, 5);
                    };
            String topic = event.get("event_type").asText();
            records.add(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), TestEvents.bytes(event)));
        }
        ApiExecutions.insertQueued(database.getCollection("executions"), ids);
        try (KafkaProducer<byte[], byte[]> producer = InputProducer.create(kafka.bootstrapServers())) {
            List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
            producer.flush();
            for (Future<RecordMetadata> acknowledgement : sent) {
                acknowledgement.get();
            }
        }
        return ids;
    }

    /** The container's peak memory from its cgroup (v1 or v2), and its resident memory now. */
    private Map<String, Long> peakMemory() throws Exception {
        String pid = containerState("{{.State.Pid}}");
        for (String line : Files.readAllLines(Path.of("/proc", pid, "cgroup"))) {
            String[] fields = line.split(":", 3);
            if (fields[1].equals("memory")) {
                Path group = Path.of("/sys/fs/cgroup/memory" + fields[2]);
                return Map.of("peak", Long.parseLong(Files.readString(group.resolve("memory.max_usage_in_bytes")).trim()),
                        "rss", stat(group, "total_rss"));
            }
            if (fields[0].equals("0") && fields[1].isEmpty() && Files.exists(Path.of("/sys/fs/cgroup" + fields[2], "memory.peak"))) {
                Path group = Path.of("/sys/fs/cgroup" + fields[2]);
                return Map.of("peak", Long.parseLong(Files.readString(group.resolve("memory.peak")).trim()),
                        "rss", stat(group, "anon"));
            }
        }
        throw new AssertionError("no memory cgroup found for the container's process " + pid);
    }

    private static long stat(Path group, String key) throws IOException {
        return Files.readAllLines(group.resolve("memory.stat")).stream().filter(l -> l.startsWith(key + " "))
                .mapToLong(l -> Long.parseLong(l.substring(key.length() + 1).trim())).findFirst().orElse(-1);
    }

    private long containerUid() throws Exception {
        String pid = containerState("{{.State.Pid}}");
        return Files.readAllLines(Path.of("/proc", pid, "status")).stream().filter(l -> l.startsWith("Uid:"))
                .mapToLong(l -> Long.parseLong(l.split("\\s+")[2])).findFirst().orElseThrow();
    }

    private String containerState(String format) throws Exception {
        return podmanOutput(List.of("podman", "inspect", "--format", format, container)).trim();
    }

    /** A directory laid out as the kubelet lays out a ConfigMap volume: each file a link into ..data. */
    private Path routesAsConfigMapVolume() throws IOException {
        Path volume = work.resolve("routes");
        Path data = volume.resolve("..2026_01_01_00_00_00.000000000");
        Files.createDirectories(data);
        for (Map.Entry<String, String> file : Manifests.routesFiles().entrySet()) {
            Files.writeString(data.resolve(file.getKey()), file.getValue());
            Files.setPosixFilePermissions(data.resolve(file.getKey()), PosixFilePermissions.fromString("rw-r--r--"));
            Files.createSymbolicLink(volume.resolve(file.getKey()), Path.of("..data", file.getKey()));
        }
        Files.createSymbolicLink(volume.resolve("..data"), data.getFileName());
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(volume, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        return volume;
    }

    /** An empty directory anyone may write to, as an emptyDir is. */
    private Path writableTmp() throws IOException {
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        return tmp;
    }

    private static VolumeMount mount(Container spec, String volume) {
        return spec.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst().orElseThrow();
    }

    private static String probes(int httpPort) {
        return status(httpPort, "/observe/health/live") + "/" + status(httpPort, "/observe/health/ready");
    }

    private static int status(int httpPort, String path) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("image-check: not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(500);
        }
    }

    private static int port(String connectionString) {
        return URI.create(connectionString).getPort();
    }

    private static void podman(List<String> command) throws Exception {
        podmanOutput(command);
    }

    private static String podmanOutput(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0 && !command.contains("rm") && !command.contains("logs")) {
            throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }
}
