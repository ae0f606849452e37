package org.integr8scode.resultprocessor.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.integr8scode.resultprocessor.batch.BatchRecords;
import org.integr8scode.resultprocessor.event.ExecutionCompletedEvent;
import org.integr8scode.resultprocessor.event.ExecutionEvent;
import org.integr8scode.resultprocessor.event.ExecutionFailedEvent;
import org.integr8scode.resultprocessor.event.ExecutionTimeoutEvent;
import org.integr8scode.resultprocessor.event.ResourceUsage;
import org.integr8scode.resultprocessor.publish.ResultEvents;
import org.integr8scode.resultprocessor.redrive.DeadLetterRedrive;
import org.integr8scode.resultprocessor.store.StorageRejection;
import org.integr8scode.resultprocessor.store.StoreOutcome;
import org.integr8scode.resultprocessor.store.StoredResult;

/**
 * Counts what became of a batch's records in the registry camel-micrometer serves on /observe/metrics, under the
 * original service's series (docs/contract.md §5) and this one's own, with the {@code camelContext} tag camel-micrometer's
 * endpoints give. In Java, once per batch, rather than one route call per record: per record it would be most of
 * a batch's routing. The records consumed are counted as their batch arrives, the rest once it is answered; every
 * series the dashboards name is there at zero from the start ({@link #registerKnownSeries()}).
 * <p>
 * The histograms are also recorded straight into the OTLP registry when one is pushing ({@link OtlpExport}): a
 * mirror of a histogram could only carry its count and sum.
 */
public class ResultMetrics {

    /** The label value of an execution {@code executions} does not hold. */
    public static final String UNKNOWN_LANG_AND_VERSION = "unknown-unknown";
    /** The label value of a record whose event_type could not be read. */
    public static final String UNKNOWN_EVENT_TYPE = "unknown";
    /** The exchange variable of a batch's store outcomes, and of a record's event_type (routes/*.camel.yaml). */
    private static final String OUTCOMES = "outcomes";
    private static final String EVENT_TYPE = "eventType";
    /** The label value of a record without its topic (camel-kafka always names it). */
    static final String UNKNOWN_TOPIC = "unknown";
    /** The error_type of a dead letter: a record no retry can make valid, or one given up after a few tries. */
    public static final String POISON_RECORD = "poison_record";
    public static final String UNEXPECTED = "unexpected";
    /** The error_type values the pod monitor sends (docs/contract.md §1), {@code timeout} for a timed-out execution. */
    static final List<String> KNOWN_SCRIPT_ERRORS = List.of("system_error", "timeout", "resource_limit",
            "script_error", "permission_denied");
    /** The statuses a stored result holds. */
    static final List<String> STATUSES = List.of("completed", "failed", "timeout");

    static final String SCRIPT_EXECUTIONS = "script.executions.total";
    static final String SCRIPT_DURATION = "script.execution.duration";
    static final String SCRIPT_MEMORY = "script.memory.usage.MiB";
    static final String SCRIPT_MEMORY_UTILIZATION = "script.memory.utilization.percent";
    static final String SCRIPT_ERRORS = "script.errors.total";
    static final String PROCESSING_ERRORS = "event.processing.errors.total";
    static final String PROCESSING_DURATION = "event.processing.duration";
    static final String PROCESSED = "messaging.process.messages.total";
    static final String PUBLISHED = "messaging.publish.messages.total";
    static final String RESULTS_STORED = "results.stored.total";
    static final String RESULTS_FAILED = "results.failed.total";
    static final String BATCH_SIZE = "result.batch.size";
    static final String DEAD_LETTERED = "records.dead_lettered.total";
    private static final String MESSAGING_SYSTEM = "messaging_system";
    private static final String KAFKA = "kafka";

    /** The meters this class records into the OTLP registry itself, which the mirror leaves alone. */
    static final List<String> HISTOGRAMS = List.of(SCRIPT_DURATION, SCRIPT_MEMORY, SCRIPT_MEMORY_UTILIZATION,
            PROCESSING_DURATION, BATCH_SIZE);

    // from a fraction of a second to the longest timeout an execution is given (minutes); a timer, as Micrometer's
    // histograms of plain values count whole numbers only (served in seconds all the same)
    private static final Duration[] SCRIPT_SECONDS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(120), Duration.ofSeconds(300), Duration.ofSeconds(600)};
    // MiB: from a bare interpreter to a few GiB (whole numbers, as are all these boundaries: see above)
    private static final double[] MEMORY_MIB = {8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
    // percent of the pod's limit, past 100: a pod may peak over its limit just before it is killed
    private static final double[] UTILIZATION_PERCENT = {5, 10, 25, 50, 75, 90, 100, 110, 125, 150, 200};
    // records: from a lone record at a quiet time to the largest batch (kafka.max-poll-records, 50 by default)
    private static final double[] BATCH_RECORDS = {1, 2, 5, 10, 20, 50, 100, 200, 500};
    // from a quiet time's few milliseconds to a batch held up by retries
    private static final Duration[] PROCESSING = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final CamelContext camelContext;
    private final Map<MeterKey, Meter> known = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;
    private volatile MeterRegistry otlp;
    private volatile MetricSettings settings;

    public ResultMetrics(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** Records the histograms into this registry too (the OTLP one); none when null. */
    public void alsoRecordHistogramsIn(MeterRegistry otlpRegistry) {
        this.otlp = otlpRegistry;
    }

    /**
     * The records of a batch as it arrives from the consumer, each counted on the topic it came from: consumed,
     * whatever becomes of it (a batch polled again after a failure is consumed, and counted, again).
     */
    public void consumed(@Variable(BatchRecords.RECORDS) List<?> records) {
        MeterRegistry meters = registry();
        String context = camelContext.getName();
        Map<String, Integer> perTopic = new HashMap<>();
        for (Object record : records) {
            if (record instanceof Exchange exchange) {
                // camel-kafka sets the topic on every record it hands over; a label is never null, or the count
                // would fail the batch
                perTopic.merge(exchange.getMessage().getHeader(KafkaConstants.TOPIC, UNKNOWN_TOPIC, String.class), 1,
                        Integer::sum);
            }
        }
        perTopic.forEach((topic, count) -> consumed(meters, context, topic).increment(count));
    }

    /**
     * Every series the dashboards name, at zero for each label value known before a record comes, so that a panel
     * shows 0 rather than "No data": the topics, statuses, error types and event types. A language is known only
     * from its first result: the series by {@code lang_and_version} start at zero for {@code unknown-unknown}
     * (an execution the API does not hold, a value this service does count), each language's from its first result.
     */
    public void registerKnownSeries() {
        MeterRegistry meters = registry();
        MetricSettings labels = settings();
        String context = camelContext.getName();
        labels.inputTopics().forEach(topic -> consumed(meters, context, topic));
        List.of(labels.resultStoredTopic(), labels.resultFailedTopic(), labels.deadLetterTopic())
                .forEach(topic -> published(meters, context, topic));
        counter(meters, RESULTS_STORED, context);
        counter(meters, RESULTS_FAILED, context);
        counter(meters, DEAD_LETTERED, context);
        STATUSES.forEach(status -> counter(meters, SCRIPT_EXECUTIONS, context, "status", status,
                "lang_and_version", UNKNOWN_LANG_AND_VERSION));
        KNOWN_SCRIPT_ERRORS.forEach(errorType -> counter(meters, SCRIPT_ERRORS, context, "error_type", errorType));
        timer(SCRIPT_DURATION, SCRIPT_SECONDS, context, "lang_and_version", UNKNOWN_LANG_AND_VERSION);
        summary(SCRIPT_MEMORY, MEMORY_MIB, context, UNKNOWN_LANG_AND_VERSION);
        summary(SCRIPT_MEMORY_UTILIZATION, UTILIZATION_PERCENT, context, UNKNOWN_LANG_AND_VERSION);
        batchSize(context);
        for (String eventType : List.of(ExecutionCompletedEvent.TYPE, ExecutionFailedEvent.TYPE,
                ExecutionTimeoutEvent.TYPE)) {
            String topic = labels.inputTopic(eventType);
            timer(PROCESSING_DURATION, PROCESSING, context, "event_type", eventType);
            for (String errorType : List.of(ResultEvents.EXECUTION_NOT_FOUND, StorageRejection.REASON, POISON_RECORD,
                    UNEXPECTED)) {
                processingError(meters, context, topic, eventType, errorType);
            }
            // a record whose event_type cannot be read at all
            processingError(meters, context, topic, UNKNOWN_EVENT_TYPE, POISON_RECORD);
        }
    }

    /**
     * A batch's outcomes, counted once its result events are acknowledged: the records published,
     * the results stored or failed, the original service's execution metrics once per result stored, each
     * record's time since its batch was taken from the consumer, and the batch's size (the records it stored: a
     * batch done one record at a time counts as batches of one).
     */
    public void count(@Variable(OUTCOMES) List<StoreOutcome> outcomes, Exchange batch) {
        MeterRegistry meters = registry();
        MetricSettings labels = settings();
        String context = camelContext.getName();
        Duration sinceTaken = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - takenAt(batch)));
        if (!outcomes.isEmpty()) {
            batchSize(context).forEach(summary -> summary.record(outcomes.size()));
        }
        for (StoreOutcome outcome : outcomes) {
            ExecutionEvent event = outcome.record().pending().event();
            String inputTopic = labels.inputTopic(event.eventType());
            boolean failed = outcome.rejected() || !outcome.executionFound();
            published(meters, context, failed ? labels.resultFailedTopic() : labels.resultStoredTopic()).increment();
            timer(PROCESSING_DURATION, PROCESSING, context, "event_type", event.eventType())
                    .forEach(t -> t.record(sinceTaken));
            if (outcome.rejected()) {
                counter(meters, RESULTS_FAILED, context).increment();
                processingError(meters, context, inputTopic, event.eventType(), StorageRejection.REASON).increment();
                continue;
            }
            if (!outcome.executionFound()) {
                counter(meters, RESULTS_FAILED, context).increment();
                processingError(meters, context, inputTopic, event.eventType(), ResultEvents.EXECUTION_NOT_FOUND)
                        .increment();
            } else {
                counter(meters, RESULTS_STORED, context).increment();
            }
            StoredResult stored = outcome.stored();
            if (stored.storedNow()) {
                execution(meters, context, labels, stored, event,
                        outcome.executionFound() ? outcome.langAndVersion() : UNKNOWN_LANG_AND_VERSION);
            }
        }
    }

    /** A poison record sent to the dead-letter topic (the record's message, with its Kafka headers). */
    public void deadLetteredAsPoison(Exchange record) {
        deadLettered(record, POISON_RECORD);
    }

    /** A record sent to the dead-letter topic after an unexpected error, retried a few times. */
    public void deadLetteredAfterAnUnexpectedError(Exchange record) {
        deadLettered(record, UNEXPECTED);
    }

    private void deadLettered(Exchange record, String errorType) {
        MeterRegistry meters = registry();
        MetricSettings labels = settings();
        String context = camelContext.getName();
        String topic = record.getMessage().getHeader(KafkaConstants.TOPIC, UNKNOWN_EVENT_TYPE, String.class);
        String eventType = record.getVariable(EVENT_TYPE, UNKNOWN_EVENT_TYPE, String.class);
        published(meters, context, labels.deadLetterTopic()).increment();
        processingError(meters, context, topic, eventType, errorType).increment();
    }

    /** A dead letter's copy, published back to the input topic it came from (routes/dlq-redrive.camel.yaml). */
    public void redriven(@Variable(DeadLetterRedrive.TOPIC) String topic) {
        published(registry(), camelContext.getName(), topic).increment();
    }

    /** The original service's metrics of one execution, as it records them. */
    private void execution(MeterRegistry meters, String context, MetricSettings labels, StoredResult stored,
                           ExecutionEvent event, String langAndVersion) {
        counter(meters, SCRIPT_EXECUTIONS, context, "status", stored.status(), "lang_and_version", langAndVersion)
                .increment();
        if (event instanceof ExecutionCompletedEvent completed && completed.resourceUsage() != null) {
            ResourceUsage usage = completed.resourceUsage();
            double mib = usage.peakMemoryKb() / 1024.0;
            timer(SCRIPT_DURATION, SCRIPT_SECONDS, context, "lang_and_version", langAndVersion)
                    .forEach(t -> t.record(seconds(usage.executionTimeWallSeconds())));
            summary(SCRIPT_MEMORY, MEMORY_MIB, context, langAndVersion).forEach(s -> s.record(mib));
            summary(SCRIPT_MEMORY_UTILIZATION, UTILIZATION_PERCENT, context, langAndVersion)
                    .forEach(s -> s.record(100.0 * mib / labels.podMemoryLimitMib()));
        } else if (event instanceof ExecutionTimeoutEvent timeout) {
            timer(SCRIPT_DURATION, SCRIPT_SECONDS, context, "lang_and_version", langAndVersion)
                    .forEach(t -> t.record(Duration.ofSeconds(timeout.timeoutSeconds())));
        }
        if (stored.errorType() != null) {
            counter(meters, SCRIPT_ERRORS, context, "error_type", stored.errorType()).increment();
        }
    }

    private Counter processingError(MeterRegistry meters, String context, String topic, String eventType,
                                    String errorType) {
        return counter(meters, PROCESSING_ERRORS, context, "topic", topic, "event_type", eventType,
                "consumer_group", settings().consumerGroup(), "error_type", errorType);
    }

    /** Records consumed from a topic, with the labels the original's messaging library gives (docs/contract.md §5). */
    private Counter consumed(MeterRegistry meters, String context, String topic) {
        return counter(meters, PROCESSED, context, MESSAGING_SYSTEM, KAFKA, "messaging_destination_publish_name", topic,
                "messaging_consumer_group_name", settings().consumerGroup());
    }

    /** Records published to a topic: result events and dead letters. */
    private Counter published(MeterRegistry meters, String context, String topic) {
        return counter(meters, PUBLISHED, context, MESSAGING_SYSTEM, KAFKA, "messaging_destination_name", topic);
    }

    private List<DistributionSummary> batchSize(String context) {
        return histogramRegistries().stream()
                .map(meters -> memo(meters, BATCH_SIZE, List.of(context), () -> DistributionSummary.builder(BATCH_SIZE)
                        .serviceLevelObjectives(BATCH_RECORDS).tag(MicrometerConstants.CAMEL_CONTEXT_TAG, context)
                        .register(meters)))
                .toList();
    }

    /**
     * A meter as registered the first time it was asked for: building one (its tags sorted, its buckets converted)
     * for every record would cost more than the record's own counting.
     */
    @SuppressWarnings("unchecked")
    private <T extends Meter> T memo(MeterRegistry meters, String name, List<String> labels, Supplier<T> register) {
        return (T) known.computeIfAbsent(new MeterKey(meters, name, labels), key -> register.get());
    }

    private record MeterKey(MeterRegistry registry, String name, List<String> labels) {
    }

    /** When the batch's first record was taken from the consumer: camel-kafka makes an exchange of each as polled. */
    private static long takenAt(Exchange batch) {
        long taken = batch.getClock().getCreated();
        List<?> records = batch.getVariable(BatchRecords.RECORDS, List.class);
        if (records != null) {
            for (Object record : records) {
                if (record instanceof Exchange exchange) {
                    taken = Math.min(taken, exchange.getClock().getCreated());
                }
            }
        }
        return taken;
    }

    private MeterRegistry registry() {
        if (registry == null) {
            registry = MicrometerUtils.getOrCreateMeterRegistry(camelContext.getRegistry(),
                    MicrometerConstants.METRICS_REGISTRY_NAME);
        }
        return registry;
    }

    private MetricSettings settings() {
        if (settings == null) {
            settings = MetricSettings.of(camelContext);
        }
        return settings;
    }

    /** The registries a histogram goes to: the OTLP one first, so that its mirror finds it there already. */
    private List<MeterRegistry> histogramRegistries() {
        MeterRegistry pushing = otlp;
        return pushing == null ? List.of(registry()) : List.of(pushing, registry());
    }

    private List<DistributionSummary> summary(String name, double[] buckets, String context, String langAndVersion) {
        return histogramRegistries().stream()
                .map(meters -> memo(meters, name, List.of(context, langAndVersion), () -> DistributionSummary.builder(name)
                        .serviceLevelObjectives(buckets).tag("lang_and_version", langAndVersion)
                        .tag(MicrometerConstants.CAMEL_CONTEXT_TAG, context).register(meters)))
                .toList();
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private List<Timer> timer(String name, Duration[] buckets, String context, String... tags) {
        return histogramRegistries().stream()
                .map(meters -> memo(meters, name, labels(context, tags), () -> Timer.builder(name)
                        .serviceLevelObjectives(buckets).tags(tags).tag(MicrometerConstants.CAMEL_CONTEXT_TAG, context)
                        .register(meters)))
                .toList();
    }

    private Counter counter(MeterRegistry meters, String name, String context, String... tags) {
        return memo(meters, name, labels(context, tags),
                () -> Counter.builder(name).tags(tags).tag(MicrometerConstants.CAMEL_CONTEXT_TAG, context).register(meters));
    }

    private static List<String> labels(String context, String... tags) {
        String[] labels = new String[tags.length + 1];
        labels[0] = context;
        System.arraycopy(tags, 0, labels, 1, tags.length);
        return List.of(labels);
    }

    /** Whether this class records the meter into the OTLP registry itself. */
    public static boolean recordsItself(Meter.Id id) {
        return HISTOGRAMS.contains(id.getName());
    }
}
