package org.integr8scode.resultprocessor.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The raw-client baseline ({@link RawClientBaseline}) as its own JVM, on the harness's (test) classpath. */
final class BaselineSubject extends Subject {

    private Process process;

    @Override
    String name() {
        return "baseline";
    }

    @Override
    String description() {
        return "java " + HEAP + " " + String.join(" ", imageJvmOptions()) + " RawClientBaseline (kafka-clients + mongodb-driver-sync, one poll = one batch)";
    }

    @Override
    void start(Lane lane) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.createDirectories(log().getParent());
        List<String> command = new ArrayList<>(List.of(java, HEAP, gcLogOption()));
        command.addAll(imageJvmOptions());
        // -Dbenchmark.baseline-jvm-options adds JVM options, as -Dbenchmark.processor-jvm-options does the processor's
        String extra = System.getProperty("benchmark.baseline-jvm-options", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of(
                "-Dlogback.configurationFile=" + System.getProperty("benchmark.logback", "src/test/resources/logback-benchmark.xml"),
                "-cp", System.getProperty("java.class.path"), RawClientBaseline.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log().toFile()));
        builder.environment().putAll(lane.environment());
        process = builder.start();
    }

    @Override
    ProcessHandle process() {
        return process == null ? null : process.toHandle();
    }

    @Override
    Path log() {
        return DIRECTORY.resolve("logs").resolve("baseline.log");
    }

    @Override
    public void close() {
        stop(process());
    }
}
