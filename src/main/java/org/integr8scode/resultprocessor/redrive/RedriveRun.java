package org.integr8scode.resultprocessor.redrive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the re-drive, from the start of route {@code dlq-redrive} to its end: a route policy, because the
 * run's bounds belong to the route's life rather than to a record (a run with nothing to do gets no record at all).
 * <ul>
 * <li>At the start it takes the end offsets of the dead-letter topic as it stands (and where the re-drive's group
 * will begin), and logs them: the run covers those dead letters and no later one, so a record that fails again and
 * returns to the topic waits for the next run.</li>
 * <li>Every check interval it asks whether the run has reached those end offsets, by what it has seen itself or,
 * outside a dry run, by the group's committed offsets (which other instances' shares of the partitions also
 * move); then it stops the route. The rest of the processor goes on.</li>
 * <li>At the stop, however it comes, it logs the run's figures.</li>
 * </ul>
 */
public class RedriveRun extends RoutePolicySupport {

    private static final Logger LOG = LoggerFactory.getLogger(RedriveRun.class);
    private static final int ADMIN_TIMEOUT_MS = 10_000;

    private final String bootstrapServers;
    private final String topic;
    private final String group;
    private final boolean dryRun;
    private final Duration checkInterval;
    private final String rulesSummary;
    private final Clock clock;

    private volatile Bounds bounds;
    private final Set<Integer> reached = ConcurrentHashMap.newKeySet();
    private final Map<RedriveOutcome, AtomicLong> figures = new EnumMap<>(RedriveOutcome.class);
    private Admin admin;
    private ScheduledExecutorService checks;
    private Instant startedAt;
    private volatile boolean endReached;

    public RedriveRun(String bootstrapServers, String topic, String group, boolean dryRun, Duration checkInterval,
                      String rulesSummary, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.group = group;
        this.dryRun = dryRun;
        this.checkInterval = checkInterval;
        this.rulesSummary = rulesSummary;
        this.clock = clock;
        for (RedriveOutcome outcome : RedriveOutcome.values()) {
            figures.put(outcome, new AtomicLong());
        }
    }

    @Override
    public synchronized void onStart(Route route) {
        bounds = null;
        reached.clear();
        figures.values().forEach(figure -> figure.set(0));
        endReached = false;
        startedAt = clock.instant();
        // the component's security settings too, so that the Admin client reaches a secured broker as the routes do
        Map<String, Object> config = new HashMap<>(KafkaClientSecurity.of(route.getCamelContext()));
        config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS));
        admin = Admin.create(config);
        checks = route.getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "dlq-redrive-run");
        // the first check takes the bounds at once, before the consumer has joined its group
        checks.scheduleWithFixedDelay(() -> checkEnd(route), 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void onStop(Route route) {
        if (checks == null) {
            return;
        }
        // not awaited: the check that stops the route runs on this executor
        checks.shutdown();
        checks = null;
        admin.close(Duration.ZERO);
        admin = null;
        LOG.info("Dead-letter re-drive {} after {} s ({}): {} re-driven, {} would be re-driven (dry run), left in "
                        + "place: {} at the cap, {} too old, {} outside the filter, {} failed",
                endReached ? "finished" : "stopped before its end",
                Duration.between(startedAt, clock.instant()).toMillis() / 1000.0,
                endReached ? "it reached the end of " + topic + " as it stood at the start"
                        : "by an operator or the shutdown; the next run goes on from there",
                figure(RedriveOutcome.REDRIVEN), figure(RedriveOutcome.WOULD_REDRIVE),
                figure(RedriveOutcome.SKIPPED_CAP), figure(RedriveOutcome.SKIPPED_AGE),
                figure(RedriveOutcome.SKIPPED_FILTER), figure(RedriveOutcome.FAILED));
    }

    /** Whether the dead letter at this place was in the topic when the run began. */
    public boolean covers(int partition, long offset) {
        Long end = bounds().end().get(partition);
        return end != null && offset < end;
    }

    /** A dead letter done with: counted, and its partition marked as reached once the run's end is. */
    public void done(int partition, long offset, RedriveOutcome outcome) {
        Long end = bounds().end().get(partition);
        if (end == null || offset + 1 >= end) {
            reached.add(partition);
        }
        if (outcome != RedriveOutcome.BEYOND_END) {
            figures.get(outcome).incrementAndGet();
        }
    }

    public long figure(RedriveOutcome outcome) {
        return figures.get(outcome).get();
    }

    private void checkEnd(Route route) {
        try {
            if (!finished()) {
                return;
            }
            endReached = true;
            route.getCamelContext().getRouteController().stopRoute(route.getRouteId());
        } catch (Exception e) {
            LOG.warn("Dead-letter re-drive: could not check its progress, trying again in {} ms: {}",
                    checkInterval.toMillis(), e.getMessage());
        }
    }

    private boolean finished() throws ExecutionException, InterruptedException {
        Bounds run = bounds();
        Set<Integer> open = run.end().keySet().stream()
                .filter(p -> run.start().get(p) < run.end().get(p) && !reached.contains(p))
                .collect(Collectors.toSet());
        if (open.isEmpty() || dryRun) {
            return open.isEmpty();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committed();
        open.removeIf(p -> {
            OffsetAndMetadata offset = committed.get(new TopicPartition(topic, p));
            return offset != null && offset.offset() >= run.end().get(p);
        });
        return open.isEmpty();
    }

    /** The run's bounds, taken once per run: by the first check, or by the first record if it comes first. */
    private Bounds bounds() {
        Bounds run = bounds;
        if (run == null) {
            synchronized (this) {
                if (bounds == null) {
                    bounds = takeBounds();
                    logStart(bounds);
                }
                run = bounds;
            }
        }
        return run;
    }

    private Bounds takeBounds() {
        try {
            Set<TopicPartition> partitions;
            try {
                partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toSet());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return new Bounds(Map.of(), Map.of());
                }
                throw e;
            }
            Map<TopicPartition, ListOffsetsResultInfo> latest = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
            Map<TopicPartition, ListOffsetsResultInfo> earliest = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()))).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed = committed();
            Map<Integer, Long> start = new TreeMap<>();
            Map<Integer, Long> end = new TreeMap<>();
            for (TopicPartition partition : partitions) {
                long first = earliest.get(partition).offset();
                OffsetAndMetadata done = committed.get(partition);
                start.put(partition.partition(), done == null ? first : Math.max(first, done.offset()));
                end.put(partition.partition(), latest.get(partition).offset());
            }
            return new Bounds(start, end);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the offsets of " + topic + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return committed == null ? Map.of() : committed;
    }

    private void logStart(Bounds run) {
        LOG.info("Dead-letter re-drive started{}: {} dead letters of {} to look at (group {}, from offsets {} up to "
                        + "{}, where the topic ends now); {}",
                dryRun ? " as a DRY RUN (it only counts, sends and commits nothing)" : "", run.size(), topic, group,
                run.start(), run.end(), rulesSummary);
    }

    /** Per partition, where the re-drive's group begins and where the topic ended when the run began. */
    private record Bounds(Map<Integer, Long> start, Map<Integer, Long> end) {

        long size() {
            return end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - start.get(e.getKey()))).sum();
        }
    }
}
