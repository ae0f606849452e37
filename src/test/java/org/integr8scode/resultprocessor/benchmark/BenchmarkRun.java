package org.integr8scode.resultprocessor.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.integr8scode.resultprocessor.support.InputProducer;
import org.integr8scode.resultprocessor.support.KafkaProcess;
import org.integr8scode.resultprocessor.support.MongoStandIn;

/**
 * The benchmark: the processor (the real jar, its own process, -Xmx256m), a raw-client baseline doing the same
 * work in batches ({@link RawClientBaseline}) and the MongoDB Kafka sink connector in a Kafka Connect standalone
 * worker, on one embedded Kafka broker and one MongoDB stand-in, each on its own fresh topics, group and database;
 * the processor and the baseline side by side, their peak rounds taking turns, the others one after the other.
 * For each: events per second at its peak, CPU milliseconds per event (its process's user + system time), both the
 * medians of its rounds, and p50/p99 latency from publish to result_stored at half its peak rate; then the ratios.
 *
 * <p>Run it from the project root with {@code mvn -B -q -DskipTests package exec:exec@benchmark}. Settings (system
 * properties, which that command passes on when given with -D): {@code benchmark.events} (a peak round, default
 * 20000), {@code benchmark.rounds} (4 peak rounds a subject, the processor's and the baseline's taking turns, in
 * reverse order every other round), {@code benchmark.services-warmup} (20000 events through the broker and the
 * stand-in before any subject), {@code benchmark.peak-max-seconds} (60: a slower subject's peak round publishes
 * only this long), {@code benchmark.warmup} (2000), {@code benchmark.latency-seconds} (10),
 * {@code benchmark.quiet-rate} (20 events/s, for the latency at a quiet time), {@code benchmark.quiet-seconds} (5),
 * {@code benchmark.in-flight} (1000), {@code benchmark.chunk} (100), {@code benchmark.subjects}
 * (processor,baseline,connector,cleanup-on: the processor again with the Kubernetes clean-up on,
 * {@link CleanupSubject}). The subjects' logs go
 * to target/benchmark/logs and (the processor's) target/it-logs.
 */
public final class BenchmarkRun {

    private static final int PARTITIONS = 3;

    private final int events = Integer.getInteger("benchmark.events", 20_000);
    private final int warmup = Integer.getInteger("benchmark.warmup", 2_000);
    private final int servicesWarmup = Integer.getInteger("benchmark.services-warmup", 20_000);
    private final Duration latencyPhase = Duration.ofSeconds(Integer.getInteger("benchmark.latency-seconds", 10));
    private final int inFlight = Integer.getInteger("benchmark.in-flight", 1_000);
    private final int chunk = Integer.getInteger("benchmark.chunk", 100);
    private final double quietRate = Integer.getInteger("benchmark.quiet-rate", 20);
    private final Duration quietPhase = Duration.ofSeconds(Integer.getInteger("benchmark.quiet-seconds", 5));
    private final Duration peakAtMost = Duration.ofSeconds(Integer.getInteger("benchmark.peak-max-seconds", 60));
    private final List<String> subjectNames = Arrays.stream(
            System.getProperty("benchmark.subjects", "processor,baseline,connector,cleanup-on").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList();

    private final int rounds = Math.max(1, Integer.getInteger("benchmark.rounds", 4));

    private ProcessHandle broker;
    private final Map<String, List<String>> subjectLines = new java.util.LinkedHashMap<>();

    private BenchmarkRun() {
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        int status = new BenchmarkRun().run();
        System.exit(status);
    }

    private int run() throws Exception {
        long began = System.nanoTime();
        List<Subject> subjects = new ArrayList<>();
        for (String name : subjectNames) {
            subjects.add(switch (name) {
                case "processor" -> new ProcessorSubject();
                case "cleanup-on" -> new CleanupSubject();
                case "baseline" -> new BaselineSubject();
                case "connector" -> new ConnectorSubject();
                default -> throw new IllegalArgumentException("benchmark.subjects: unknown subject " + name);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
        System.out.println(machine());
        cleanTemporaryFiles();
        for (Subject subject : subjects) {
            if (subject instanceof ConnectorSubject connector) {
                log("resolving Kafka Connect " + ConnectorSubject.CONNECT_VERSION + " and mongo-kafka-connect "
                        + ConnectorSubject.CONNECTOR_VERSION + " through Maven");
                connector.prepare();
            }
        }

        List<Measurement> measurements = new ArrayList<>();
        Set<Long> before = children();
        try (KafkaProcess kafka = new KafkaProcess(PARTITIONS); MongoStandIn standIn = new MongoStandIn();
             MongoClient mongo = MongoClients.create(standIn.connectionString());
             KafkaProducer<byte[], byte[]> producer = InputProducer.create(kafka.bootstrapServers())) {
            Set<Long> started = children();
            started.removeAll(before);
            broker = started.stream().map(ProcessHandle::of).flatMap(Optional::stream).filter(ProcessHandle::isAlive)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no Kafka broker process"));
            log("Kafka broker (KRaft, its own JVM) on " + kafka.bootstrapServers() + ", MongoDB stand-in (in this JVM) on "
                    + standIn.connectionString());
            warmUpSharedServices(kafka.bootstrapServers(), standIn.connectionString(), mongo, producer);
            for (List<Subject> group : groups(subjects)) {
                measurements.addAll(measure(group, kafka.bootstrapServers(), standIn.connectionString(), mongo, producer));
            }
        }
        System.out.println(report(subjects, measurements, Duration.ofNanos(System.nanoTime() - began)));
        return measurements.stream().allMatch(Measurement::ok) ? 0 : 1;
    }

    /**
     * The broker and the stand-in start cold: their JIT compiles for the first tens of seconds of load, on the cores
     * the subject shares, so that whichever subject came first was measured slower (the processor, first, ran at
     * three quarters of its speed in the same run's cleanup-on). So before any subject is measured, the baseline does
     * the same work through them, unmeasured, on a lane of its own ({@code benchmark.services-warmup} events, 20000;
     * 0: none).
     */
    private void warmUpSharedServices(String bootstrap, String mongoUrl, MongoClient mongo,
                                      KafkaProducer<byte[], byte[]> producer) throws Exception {
        if (servicesWarmup <= 0) {
            return;
        }
        long started = System.nanoTime();
        Lane lane = new Lane("services-warm-up", bootstrap, mongoUrl, mongo, PARTITIONS);
        Subject warm = new BaselineSubject();
        lane.create();
        try (warm; Answers answers = new ResultTopicAnswers(lane)) {
            warm.start(lane);
            Load load = new Load(lane, producer, answers, warm::isAlive, warm::seed, inFlight, chunk);
            load.asFastAsAnswered(servicesWarmup, peakAtMost, () -> { });
        }
        log(String.format("the broker and the stand-in warmed up by the baseline, unmeasured: %d events in %.1f s",
                servicesWarmup, (System.nanoTime() - started) / 1e9));
    }

    /** A subject started on its lane and warmed up, ready for its measured phases. */
    private record Running(Subject subject, Answers answers, Load load, List<PeakRound> rounds) {
    }

    /**
     * Measures a group of subjects together: each started and warmed up, then {@code benchmark.rounds} rounds of
     * their peak phases, one subject at a time, in the group's order in the first round, the reverse in the next,
     * and so on, so that the machine's drift over the minutes falls on each alike; then each one's latency phases.
     * A subject waits its turn idle (its consumer polling an empty topic), its CPU counted among the others'.
     */
    private List<Measurement> measure(List<Subject> group, String bootstrap, String mongoUrl, MongoClient mongo,
                                      KafkaProducer<byte[], byte[]> producer) {
        Map<Subject, Measurement> done = new LinkedHashMap<>();
        List<Running> running = new ArrayList<>();
        try {
            for (Subject subject : group) {
                try {
                    running.add(start(subject, new Lane(subject.name(), bootstrap, mongoUrl, mongo, PARTITIONS), producer));
                } catch (Exception e) {
                    done.put(subject, failed(subject, e));
                }
            }
            for (int round = 0; round < rounds; round++) {
                List<Running> order = new ArrayList<>(running);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (Running subject : order) {
                    if (done.containsKey(subject.subject())) {
                        continue;
                    }
                    try {
                        subject.rounds().add(peak(subject, round));
                    } catch (Exception e) {
                        done.put(subject.subject(), failed(subject.subject(), e));
                    }
                }
            }
            for (Running subject : running) {
                if (!done.containsKey(subject.subject())) {
                    try {
                        done.put(subject.subject(), finish(subject));
                    } catch (Exception e) {
                        done.put(subject.subject(), failed(subject.subject(), e));
                    }
                }
            }
        } finally {
            for (Running subject : running) {
                subject.answers().close();
                try {
                    subject.subject().close();
                } catch (Exception e) {
                    log(subject.subject().name() + ": could not stop it: " + e);
                }
            }
        }
        return group.stream().map(done::get).toList();
    }

    private Running start(Subject subject, Lane lane, KafkaProducer<byte[], byte[]> producer) throws Exception {
        log(subject.name() + ": " + subject.description());
        lane.create();
        Answers answers = subject.publishesResults() ? new ResultTopicAnswers(lane) : new SinkCollectionAnswers(lane, 20);
        try {
            subject.start(lane);
            Load load = new Load(lane, producer, answers, subject::isAlive, subject::seed, inFlight, chunk);
            long started = System.nanoTime();
            load.checkAnswers(subject.publishesResults());
            load.asFastAsAnswered(warmup, peakAtMost, () -> { });
            load.checkAnswers(false);
            log(String.format("%s: warmed up (started, joined its group and answered %d events%s) in %.1f s", subject.name(),
                    warmup, subject.publishesResults() ? ", each with its result stored and its execution terminal" : "",
                    (System.nanoTime() - started) / 1e9));
            alive(subject);
            return new Running(subject, answers, load, new ArrayList<>());
        } catch (Exception e) {
            answers.close();
            subject.close();
            throw e;
        }
    }

    private PeakRound peak(Running running, int round) throws InterruptedException {
        Subject subject = running.subject();
        Thread.sleep(2000);
        CpuUse.Reading[] before = new CpuUse.Reading[1];
        Load.Window peak = running.load().asFastAsAnswered(events, peakAtMost,
                () -> before[0] = CpuUse.Reading.of(subject, broker));
        CpuUse cpu = CpuUse.Reading.of(subject, broker).since(before[0]);
        int peakEvents = peak.ids().size();
        alive(subject);
        PeakRound measured = new PeakRound(peakEvents, peak.seconds(), peak.eventsPerSecond(),
                CpuUse.perEvent(cpu.subject(), peakEvents), CpuUse.perEvent(cpu.broker(), peakEvents),
                CpuUse.perEvent(cpu.harness(), peakEvents), cpu.othersCores());
        log(String.format("%s: peak, round %d of %d: %d events in %.1f s: %.0f events/s, %.3f CPU ms/event (broker %.3f,"
                + " harness and stand-in %.3f; other processes %.0f%% of a core)", subject.name(), round + 1, rounds,
                peakEvents, measured.seconds(), measured.eventsPerSecond(), measured.cpuMillisPerEvent(),
                measured.brokerCpuMillisPerEvent(), measured.harnessCpuMillisPerEvent(), 100 * measured.othersCores()));
        return measured;
    }

    private Measurement finish(Running running) throws Exception {
        Subject subject = running.subject();
        Load load = running.load();
        Answers answers = running.answers();
        List<PeakRound> peaks = running.rounds();
        Thread.sleep(1000);

        double rate = PeakRound.median(peaks, PeakRound::eventsPerSecond) / 2;
        CpuUse.Reading pacedBefore = CpuUse.Reading.of(subject, broker);
        Load.Window paced = load.paced(rate, latencyPhase);
        CpuUse pacedCpu = CpuUse.Reading.of(subject, broker).since(pacedBefore);
        alive(subject);
        double[] latencies = load.latenciesMillis(paced.ids());
        double p50 = Measurement.percentile(latencies, 0.50);
        double p99 = Measurement.percentile(latencies, 0.99);
        int pacedEvents = paced.ids().size();
        log(String.format("%s: %d events paced at %.0f/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%s); CPU ms/event %.3f"
                + " (broker %.3f, harness and stand-in %.3f; other processes %.0f%% of a core)", subject.name(),
                pacedEvents, rate, p50, p99, latencies[latencies.length - 1], answers.endPoint(),
                CpuUse.perEvent(pacedCpu.subject(), pacedEvents), CpuUse.perEvent(pacedCpu.broker(), pacedEvents),
                CpuUse.perEvent(pacedCpu.harness(), pacedEvents), 100 * pacedCpu.othersCores()));
        // a quiet time: a few events a second, each alone in its batch; none should be held back
        Load.Window quiet = load.paced(quietRate, quietPhase);
        alive(subject);
        double[] quietLatencies = load.latenciesMillis(quiet.ids());
        double quietP50 = Measurement.percentile(quietLatencies, 0.50);
        double quietP99 = Measurement.percentile(quietLatencies, 0.99);
        log(String.format("%s: %d events paced at %.0f/s (a quiet time): p50 %.1f ms, p99 %.1f ms", subject.name(),
                quiet.ids().size(), quietRate, quietP50, quietP99));
        List<String> ownLines = subject.afterRun(load.published());
        ownLines.forEach(line -> log(subject.name() + ": " + line));
        subjectLines.put(subject.name(), ownLines);
        subject.close();
        double othersCores = Math.max(peaks.stream().mapToDouble(PeakRound::othersCores).max().orElse(0),
                pacedCpu.othersCores());
        return new Measurement(subject.name(), peaks.stream().mapToInt(PeakRound::events).sum(),
                PeakRound.median(peaks, PeakRound::eventsPerSecond), PeakRound.median(peaks, PeakRound::cpuMillisPerEvent),
                PeakRound.median(peaks, PeakRound::brokerCpuMillisPerEvent),
                PeakRound.median(peaks, PeakRound::harnessCpuMillisPerEvent), othersCores, p50, p99, pacedEvents, rate,
                subject.publishesResults(), subject.peakHeapMib(), subject.fullCollections(), load.largestExecutions(),
                answers.anomalies(), quietRate, quietP50, quietP99, List.copyOf(peaks), null);
    }

    private static Measurement failed(Subject subject, Exception e) {
        log(subject.name() + " FAILED: " + e + "; see " + subject.log());
        return Measurement.failed(subject.name(), e.toString());
    }

    /**
     * The subjects in the groups they are measured in: the processor and the baseline together (their rounds
     * alternating), where both are named; every other subject on its own.
     */
    private static List<List<Subject>> groups(List<Subject> subjects) {
        List<Subject> pair = subjects.stream()
                .filter(s -> s.name().equals("processor") || s.name().equals("baseline")).toList();
        List<List<Subject>> groups = new ArrayList<>();
        for (Subject subject : subjects) {
            if (pair.size() == 2 && pair.contains(subject)) {
                if (subject == pair.get(0)) {
                    groups.add(pair);
                }
            } else {
                groups.add(List.of(subject));
            }
        }
        return groups;
    }

    private static void alive(Subject subject) {
        if (!subject.isAlive()) {
            throw new IllegalStateException(subject.name() + " exited; see " + subject.log());
        }
    }

    private String report(List<Subject> subjects, List<Measurement> measurements, Duration took) {
        StringBuilder out = new StringBuilder("\n");
        out.append(machine()).append('\n');
        for (Subject subject : subjects) {
            out.append(String.format("  %-9s %s%n", subject.name(), subject.description()));
        }
        out.append(String.format("%n%-10s | %9s | %12s | %8s | %8s | %-21s | %s%n", "subject", "events/s", "CPU ms/event",
                "p50 ms", "p99 ms", "(paced at)", "peak heap (of 256 MiB)"));
        out.append("-".repeat(10)).append("-+-").append("-".repeat(9)).append("-+-").append("-".repeat(12)).append("-+-")
                .append("-".repeat(8)).append("-+-").append("-".repeat(8)).append("-+-").append("-".repeat(21))
                .append("-+-").append("-".repeat(24)).append('\n');
        for (Measurement m : measurements) {
            if (!m.ok()) {
                out.append(String.format("%-10s | FAILED: %s%n", m.subject(), m.failure()));
                continue;
            }
            String mark = m.latencyIsResultStored() ? "" : "*";
            out.append(String.format("%-10s | %9.0f | %12.3f | %8s | %8s | %-21s | %s%n", m.subject(), m.eventsPerSecond(),
                    m.cpuMillisPerEvent(), String.format("%.1f", m.p50Millis()) + mark, String.format("%.1f", m.p99Millis()) + mark,
                    String.format("%.0f/s, %d events", m.pacedRate(), m.pacedEvents()), m.peakHeapMib().isPresent()
                            ? m.peakHeapMib().getAsLong() + " MiB, " + m.fullCollections() + " full GCs" : "n/a (no GC)"));
        }
        Optional<Measurement> processor = find(measurements, "processor");
        Optional<Measurement> baseline = find(measurements, "baseline");
        Optional<Measurement> connector = find(measurements, "connector");
        out.append('\n');
        out.append(String.format("at a quiet time (%s/s), p50 / p99 ms: %s%n", measurements.stream().filter(Measurement::ok)
                .map(m -> String.format("%.0f", m.quietRate())).findFirst().orElse("-"),
                measurements.stream().filter(Measurement::ok).map(m -> String.format("%s %.1f / %.1f%s", m.subject(),
                        m.quietP50Millis(), m.quietP99Millis(), m.latencyIsResultStored() ? "" : "*"))
                        .collect(Collectors.joining(", "))));
        out.append(String.format("%npeak rounds (events/s, CPU ms/event; the figures above are their medians):%n"));
        for (Measurement m : measurements) {
            if (m.ok()) {
                out.append(String.format("  %-10s %s%n", m.subject(), m.rounds().stream()
                        .map(r -> String.format("%.0f, %.3f", r.eventsPerSecond(), r.cpuMillisPerEvent()))
                        .collect(Collectors.joining(" | "))));
            }
        }
        if (processor.isPresent() && baseline.isPresent()) {
            Measurement p = processor.get();
            Measurement b = baseline.get();
            out.append(String.format("processor / baseline: events/s %s, CPU ms/event %s, p50 %s, p99 %s%n",
                    pairedRatio(p, b, PeakRound::eventsPerSecond), pairedRatio(p, b, PeakRound::cpuMillisPerEvent),
                    ratio(p, b, Measurement::p50Millis), ratio(p, b, Measurement::p99Millis)));
            if (p.ok() && b.ok() && p.rounds().size() == b.rounds().size()) {
                double[] throughput = roundRatios(p, b, PeakRound::eventsPerSecond);
                double[] cpu = roundRatios(p, b, PeakRound::cpuMillisPerEvent);
                out.append(String.format("  round by round (each pair of rounds measured one after the other): %s%n",
                        IntStream.range(0, throughput.length)
                                .mapToObj(i -> String.format("%.2fx, %.2fx", throughput[i], cpu[i]))
                                .collect(Collectors.joining(" | "))));
            }
        }
        if (connector.isPresent() && baseline.isPresent()) {
            Measurement c = connector.get();
            Measurement b = baseline.get();
            out.append(String.format("connector / baseline: events/s %s, CPU ms/event %s, latency n/a (*)%n",
                    ratio(c, b, Measurement::eventsPerSecond), ratio(c, b, Measurement::cpuMillisPerEvent)));
        }
        if (connector.isPresent() && processor.isPresent()) {
            Measurement c = connector.get();
            Measurement p = processor.get();
            out.append(String.format("processor / connector: events/s %s, CPU ms/event %s%n",
                    ratio(p, c, Measurement::eventsPerSecond), ratio(p, c, Measurement::cpuMillisPerEvent)));
        }
        if (processor.isPresent() && processor.get().ok()) {
            Measurement p = processor.get();
            out.append("\ntargets for the processor:\n");
            baseline.filter(Measurement::ok).ifPresent(b -> {
                double throughput = pairedRatioValue(p, b, PeakRound::eventsPerSecond);
                double cpu = pairedRatioValue(p, b, PeakRound::cpuMillisPerEvent);
                out.append(String.format("  throughput >= 0.8x baseline      %5.2fx  %s%n", throughput, verdict(throughput >= 0.8)));
                out.append(String.format("  CPU/event  <= 1.5x baseline      %5.2fx  %s%n", cpu, verdict(cpu <= 1.5)));
            });
            out.append(String.format("  p99 < 100 ms at half peak (%.0f/s) %5.1f ms  %s%n", p.pacedRate(), p.p99Millis(),
                    verdict(p.p99Millis() < 100)));
            out.append(String.format("  (at a quiet time, %.0f/s: p50 %.1f ms, p99 %.1f ms)%n", p.quietRate(),
                    p.quietP50Millis(), p.quietP99Millis()));
            out.append(String.format("  within a 256 MiB heap (-Xmx256m)  ran throughout, peak %s in use before a GC, %d full GCs  %s%n",
                    p.peakHeapMib().isPresent() ? p.peakHeapMib().getAsLong() + " MiB" : "n/a", p.fullCollections(),
                    heapVerdict(p)));
        }
        Optional<Measurement> cleanup = find(measurements, "cleanup-on");
        if (cleanup.isPresent() && cleanup.get().ok()) {
            out.append("\nthe Kubernetes clean-up (cleanup-on: the processor with it on, every pod and ConfigMap present):\n");
            subjectLines.getOrDefault("cleanup-on", List.of()).forEach(line -> out.append("  ").append(line).append('\n'));
            processor.filter(Measurement::ok).ifPresent(p -> {
                double added = cleanup.get().cpuMillisPerEvent() - p.cpuMillisPerEvent();
                out.append(String.format("  CPU it adds at peak: %.3f - %.3f = %.3f ms per event (target <= 0.25: %s);"
                        + " events/s %.0f with it, %.0f without%n", cleanup.get().cpuMillisPerEvent(), p.cpuMillisPerEvent(),
                        added, verdict(added <= 0.25), cleanup.get().eventsPerSecond(), p.eventsPerSecond()));
            });
        }
        out.append(String.format("%nCPU ms per event in the peak window, by process (the subject's column above is the first):%n"));
        out.append(String.format("%-10s | %8s | %8s | %18s | %s%n", "subject", "subject", "broker", "harness + stand-in",
                "other processes (most, % of a core)"));
        for (Measurement m : measurements) {
            if (m.ok()) {
                out.append(String.format("%-10s | %8.3f | %8.3f | %18.3f | %.0f%%%n", m.subject(), m.cpuMillisPerEvent(),
                        m.brokerCpuMillisPerEvent(), m.harnessCpuMillisPerEvent(), 100 * m.othersCores()));
            }
        }
        double others = measurements.stream().filter(Measurement::ok).mapToDouble(Measurement::othersCores).max().orElse(0);
        if (others > 0.10) {
            out.append(String.format("WARNING: processes outside the benchmark used up to %.0f%% of a core during a measured"
                    + " phase; they took CPU from the subjects: run it again on a quiet machine.%n", 100 * others));
        }
        for (Measurement m : measurements) {
            if (!m.anomalies().isEmpty()) {
                out.append("anomalies (").append(m.subject()).append("): ").append(m.anomalies()).append('\n');
            }
        }
        long largest = measurements.stream().mapToLong(Measurement::largestExecutions).max().orElse(0);
        out.append(String.format("""

                How: one Kafka 3.9.1 broker (KRaft, its own JVM, %d partitions a topic) and one MongoDB stand-in
                (mongo-java-server 1.47, memory backend, in the harness JVM with the harness's producer and consumer),
                on the same cores as the subject. Each subject on fresh topics, group and database, as its own JVM
                with -Xmx256m, first warmed up with %d events (which also waits for it to start and join its group).
                The processor and the baseline run side by side, idle but for their turns; every other subject after
                them, alone. Before the first subject, the baseline ran %d events through the broker and the stand-in,
                unmeasured, so that their JIT is not at work in the first subject's window.
                During the warm-up the harness checks, for each answered execution, that its result is stored and its
                executions status is terminal before it deletes them.
                Peak: %d rounds a subject (benchmark.rounds), the processor's and the baseline's taking turns, in
                reverse order every other round; each round %d events, or as many as were published in %d s,
                published as fast as the subject answered, at most %d unanswered at once; events/s = events / (first
                publish -> last answer); CPU ms/event = the subject process's user + system time over that window /
                events; a subject's figure is the median of its rounds, a ratio to the baseline the median of the
                rounds' ratios. Events measured: %s.
                Latency: %d s of events paced evenly at half that subject's peak rate, from the harness's send to its
                consumer seeing the result_stored record (matched by the execution_id key); p50/p99 by nearest rank.
                (*) The sink connector publishes nothing: its latency is publish -> its document visible in the sink
                collection (looked for every 20 ms), not comparable with result_stored. It also does less work: no
                executions look-up or status update, no result event.
                Working set: the MongoDB stand-in scans a whole collection for any filter that is not exactly an indexed
                key (the guarded status update {execution_id, status: {$in: [...]}} is one), where MongoDB would use
                its index. So the benchmark feeds events together with their executions documents (status queued,
                inserted %d at a time just before those events are published) and deletes the executions and
                execution_results documents of answered executions every 50 ms, keeping the collections small as an
                index keeps each look-up small, the same for every subject: executions held at most %d documents.
                Even so, those scans take most of the harness's CPU (the 'harness + stand-in' column).
                The whole benchmark took %d min %d s.
                """, PARTITIONS, warmup, servicesWarmup, rounds, events, peakAtMost.toSeconds(), inFlight, measurements.stream()
                        .filter(Measurement::ok).map(m -> m.subject() + " " + m.peakEvents()).collect(Collectors.joining(", ")),
                latencyPhase.toSeconds(), chunk, largest, took.toMinutes(), took.toSecondsPart()));
        return out.toString();
    }

    /**
     * The median of the ratios of their rounds taken pairwise (round i of one over round i of the other, measured one
     * right after the other), where both have as many rounds; else the ratio of their medians.
     */
    private static double pairedRatioValue(Measurement a, Measurement b, ToDoubleFunction<PeakRound> figure) {
        if (a.rounds().size() != b.rounds().size() || a.rounds().isEmpty()) {
            return PeakRound.median(a.rounds(), figure) / PeakRound.median(b.rounds(), figure);
        }
        return PeakRound.median(roundRatios(a, b, figure));
    }

    /** Round i of one over round i of the other, for rounds of each measured one after the other. */
    private static double[] roundRatios(Measurement a, Measurement b, ToDoubleFunction<PeakRound> figure) {
        return IntStream.range(0, a.rounds().size())
                .mapToDouble(i -> figure.applyAsDouble(a.rounds().get(i)) / figure.applyAsDouble(b.rounds().get(i)))
                .toArray();
    }

    private static String pairedRatio(Measurement a, Measurement b, ToDoubleFunction<PeakRound> figure) {
        return a.ok() && b.ok() ? String.format("%.2fx", pairedRatioValue(a, b, figure)) : "n/a";
    }

    private static String ratio(Measurement a, Measurement b, ToDoubleFunction<Measurement> value) {
        if (!a.ok() || !b.ok()) {
            return "n/a";
        }
        return String.format("%.2fx", value.applyAsDouble(a) / value.applyAsDouble(b));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    /**
     * The heap target as the subject's GC log shows it: a heap too small for the work shows as full collections
     * (G1's last resort before an OutOfMemoryError); no collection logged means nothing was measured.
     */
    static String heapVerdict(Measurement m) {
        if (m.peakHeapMib().isEmpty()) {
            return "not measured (no collection in the GC log)";
        }
        return verdict(m.fullCollections() == 0 && m.peakHeapMib().getAsLong() < Subject.HEAP_MIB);
    }

    private static Optional<Measurement> find(List<Measurement> measurements, String subject) {
        return measurements.stream().filter(m -> m.subject().equals(subject)).findFirst();
    }

    private static String machine() {
        String cpu = "unknown CPU";
        long memoryKib = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
            memoryKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            // not Linux: say less
        }
        return String.format("Machine: %d cores (%s), %.1f GiB, %s %s, %s %s (%s)", Runtime.getRuntime().availableProcessors(),
                cpu, memoryKib / 1024.0 / 1024.0, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), System.getProperty("java.vendor"));
    }

    /**
     * The broker's data directory (KafkaProcess makes it under java.io.tmpdir, which the exec:exec@benchmark command
     * points into target/benchmark/tmp) from an earlier run.
     */
    private static void cleanTemporaryFiles() throws IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        if (!temporary.toAbsolutePath().normalize().endsWith(Path.of("target", "benchmark", "tmp"))) {
            return;
        }
        if (Files.isDirectory(temporary)) {
            try (var paths = Files.walk(temporary)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!path.equals(temporary)) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
        Files.createDirectories(temporary);
    }

    private static void log(String message) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), message);
    }
}
