package org.integr8scode.resultprocessor.benchmark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.integr8scode.resultprocessor.support.ProcessorProcess;

/**
 * The processor as production runs it: {@code java -Xmx256m -jar target/result-processor.jar}
 * (ProcessorProcess) with the image's JVM options, configured only by the contract's environment variables, on its
 * production defaults otherwise. GC logging is switched on through JAVA_TOOL_OPTIONS, which leaves the command line as it is.
 */
class ProcessorSubject extends Subject {

    private ProcessorProcess processor;
    private ProcessHandle process;

    @Override
    String name() {
        return "processor";
    }

    @Override
    String description() {
        return "java " + HEAP + " " + String.join(" ", imageJvmOptions()) + " -jar " + System.getProperty("processor.jar", "target/result-processor.jar")
                + " (camel-main, production defaults)";
    }

    /** The environment it runs with: the lane's (the contract's variables). */
    Map<String, String> environment(Lane lane) {
        return lane.environment();
    }

    @Override
    void start(Lane lane) {
        Map<String, String> environment = environment(lane);
        // -Dbenchmark.processor-jvm-options adds JVM options, e.g. a flight recording to see where its CPU goes
        // the image's JVM options too (JAVA_OPTS: ProcessorProcess runs java -Xmx256m -jar, as the image does)
        environment.put("JAVA_TOOL_OPTIONS", (gcLogOption() + " " + String.join(" ", imageJvmOptions()) + " "
                + System.getProperty("benchmark.processor-jvm-options", "")).trim());
        // ProcessorProcess keeps its Process to itself: the new child of this JVM is it
        Set<Long> before = children();
        processor = new ProcessorProcess("benchmark-" + name(), environment).start();
        Set<Long> started = children();
        started.removeAll(before);
        if (started.size() != 1) {
            throw new IllegalStateException("cannot tell the processor's process among " + started);
        }
        process = ProcessHandle.of(started.iterator().next()).orElseThrow();
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** How large its batches were over the whole run: the records it consumed over the batches its route took. */
    @Override
    List<String> afterRun(long executionsPublished) {
        var metrics = processor.get("/observe/metrics");
        if (metrics == null || metrics.statusCode() != 200) {
            return List.of("batches: /observe/metrics did not answer");
        }
        double batches = sum(metrics.body(), "camel_exchanges_total", "routeId=\"execution-events\"");
        double records = sum(metrics.body(), "messaging_process_messages_total", "");
        // what the input consumer asks of the broker a batch: its fetches, and its requests in all (commits too)
        double fetches = sum(metrics.body(), "kafka_consumer_fetch_manager_fetch_total", "");
        double consumerRequests = sum(metrics.body(), "kafka_consumer_request_total", "");
        return List.of(String.format("batches: %.0f for %.0f records consumed, %.1f records a batch on average",
                batches, records, batches == 0 ? 0 : records / batches),
                String.format("the consumer's broker requests a batch: %.1f fetches, %.1f requests in all",
                        fetches / Math.max(batches, 1), consumerRequests / Math.max(batches, 1)));
    }

    private static double sum(String exposition, String metric, String label) {
        return exposition.lines().filter(line -> line.startsWith(metric + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Override
    ProcessHandle process() {
        return process;
    }

    @Override
    Path log() {
        return processor.log();
    }

    @Override
    public void close() throws Exception {
        stop(process);
        if (processor != null) {
            processor.close();
        }
    }
}
