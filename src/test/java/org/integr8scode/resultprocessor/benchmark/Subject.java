package org.integr8scode.resultprocessor.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.integr8scode.resultprocessor.deploy.Manifests;

/**
 * One thing being measured, as its own OS process (JVM) with a 256 MiB heap: its CPU time is the process's
 * user + system time, and its heap is read off its GC log ({@code -Xlog:gc}).
 */
abstract class Subject implements AutoCloseable {

    static final Path DIRECTORY = Path.of("target", "benchmark");
    static final long HEAP_MIB = 256;
    static final String HEAP = "-Xmx" + HEAP_MIB + "m";

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    abstract String name();

    /** One line on what runs, for the printed report. */
    abstract String description();

    abstract void start(Lane lane) throws Exception;

    abstract ProcessHandle process();

    abstract Path log();

    /** What an execution leaves besides its executions document, seeded with it (nothing, but for the clean-up). */
    void seed(List<String> executionIds) {
    }

    /** Lines of its own for the report, after a run that published this many executions in all. */
    List<String> afterRun(long executionsPublished) {
        return List.of();
    }

    /** Whether it publishes result_stored; the sink connector does not. */
    boolean publishesResults() {
        return true;
    }

    /**
     * The JVM options the production image runs the processor with (the Dockerfile's JAVA_OPTS, which the
     * Deployment and the compose file repeat), but for the heap ({@link #HEAP}, given apart): the processor and the
     * baseline both run with them, so that neither is measured on JVM settings the other does not have.
     * {@code -Dbenchmark.image-jvm-options=false}: none, the JVM's defaults.
     */
    static List<String> imageJvmOptions() {
        if (!Boolean.parseBoolean(System.getProperty("benchmark.image-jvm-options", "true"))) {
            return List.of();
        }
        String options = Manifests.dockerfile("ENV JAVA_OPTS")
                .replaceFirst("^JAVA_OPTS=", "").replace("\"", "");
        return Arrays.stream(options.split("\\s+")).filter(option -> !option.startsWith("-Xmx")).toList();
    }

    Path gcLog() {
        return DIRECTORY.resolve("logs").resolve(name() + "-gc.log").toAbsolutePath();
    }

    String gcLogOption() {
        try {
            Files.createDirectories(gcLog().getParent());
            Files.deleteIfExists(gcLog());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "-Xlog:gc:file=" + gcLog();
    }

    /** The process's user + system CPU time so far. */
    Duration cpu() {
        return process().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time for " + name() + " (pid " + process().pid() + ")"));
    }

    boolean isAlive() {
        return process() != null && process().isAlive();
    }

    /** The most heap in use that a collection found (its "before" figure), in MiB; empty without a collection. */
    OptionalLong peakHeapMib() {
        if (!Files.isReadable(gcLog())) {
            return OptionalLong.empty();
        }
        try (var lines = Files.lines(gcLog())) {
            return lines.map(GC_HEAP::matcher).filter(Matcher::find)
                    .mapToLong(m -> mib(Long.parseLong(m.group(1)), m.group(2))).reduce(Math::max);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** How many full collections the GC log records (a heap too small shows as many). */
    long fullCollections() {
        if (!Files.isReadable(gcLog())) {
            return 0;
        }
        try (var lines = Files.lines(gcLog())) {
            return lines.filter(l -> l.contains("Pause Full")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long mib(long value, String unit) {
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }

    static void stop(ProcessHandle process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}
