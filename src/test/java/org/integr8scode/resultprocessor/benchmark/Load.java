package org.integr8scode.resultprocessor.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.integr8scode.resultprocessor.publish.ResultEvents;
import org.integr8scode.resultprocessor.support.ApiExecutions;
import org.integr8scode.resultprocessor.support.TestEvents;

/**
 * Feeds a subject terminal events (completed, failed and timeout in turn, shaped like the contract's examples)
 * the way the pipeline would: each chunk's {@code executions} documents (status queued, as the API inserts them)
 * are seeded just before its events are published, and the documents of answered executions, in
 * {@code executions} and {@code execution_results}, are deleted again. The stand-in scans a whole collection for
 * any filter that is not exactly an index's keys (the guarded status update is one), where a real MongoDB would use
 * its index; keeping the collections down to the executions in flight keeps those scans as small as an index's
 * look-up would be, and the same for every subject.
 */
final class Load {

    /** Whether each event carries a trace context, as the pod monitor's do ({@code -Dbenchmark.trace-context}). */
    private static final boolean TRACE_CONTEXT = Boolean.parseBoolean(System.getProperty("benchmark.trace-context", "true"));
    /** No answer for this long means the subject is stuck or gone. */
    private static final Duration STALL = Duration.ofSeconds(Long.getLong("benchmark.stall-seconds", 120));
    private static final long TRIM_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final ObjectNode COMPLETED = TestEvents.example("execution_completed");
    private static final ObjectNode FAILED = TestEvents.example("execution_failed");
    private static final ObjectNode TIMEOUT = TestEvents.example("execution_timeout");

    private final Lane lane;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Answers answers;
    private final BooleanSupplier subjectAlive;
    private final Consumer<List<String>> seeding;
    private final int inFlight;
    private final int chunk;
    private final Map<String, Long> publishNanos = new ConcurrentHashMap<>();
    private long sequence;
    private long lastTrimNanos;
    private long executions;
    private long largestExecutions;
    private boolean checking;
    private long checked;

    Load(Lane lane, KafkaProducer<byte[], byte[]> producer, Answers answers, BooleanSupplier subjectAlive,
         Consumer<List<String>> seeding, int inFlight, int chunk) {
        this.seeding = seeding;
        this.lane = lane;
        this.producer = producer;
        this.answers = answers;
        this.subjectAlive = subjectAlive;
        this.inFlight = inFlight;
        this.chunk = chunk;
    }

    /** A phase's published executions and its window, from its first publish to its last answer. */
    record Window(List<String> ids, long firstPublishNanos, long lastAnswerNanos) {

        double seconds() {
            return (lastAnswerNanos - firstPublishNanos) / 1e9;
        }

        double eventsPerSecond() {
            return ids.size() / seconds();
        }
    }

    /**
     * As fast as the subject answers: {@code events} events, published a chunk at a time whenever fewer than
     * {@code inFlight} are unanswered, or fewer if {@code publishingAtMost} has passed since the first was published
     * (so that a slow subject does not take for ever); returns once every one published is answered.
     * {@code atFirstPublish} runs just before the first event is published.
     */
    Window asFastAsAnswered(int events, Duration publishingAtMost, Runnable atFirstPublish) throws InterruptedException {
        List<String> ids = new ArrayList<>(events);
        long answeredBefore = answers.count();
        long firstPublish = 0;
        long lastProgress = System.nanoTime();
        long answered = 0;
        int target = events;
        while (answered < target) {
            trim(false);
            if (firstPublish != 0 && target > ids.size() && System.nanoTime() - firstPublish > publishingAtMost.toNanos()) {
                target = ids.size();
                continue;
            }
            int unanswered = (int) (ids.size() - answered);
            if (ids.size() < target && unanswered + chunk <= inFlight) {
                List<String> next = newExecutions(Math.min(chunk, target - ids.size()));
                seed(next);
                if (firstPublish == 0) {
                    atFirstPublish.run();
                    firstPublish = System.nanoTime();
                }
                next.forEach(this::publish);
                producer.flush();
                ids.addAll(next);
                continue;
            }
            long now = answers.awaitMoreThan(answeredBefore + answered, 20) - answeredBefore;
            if (now > answered) {
                answered = now;
                lastProgress = System.nanoTime();
            } else {
                checkProgress(lastProgress, answered, target);
            }
        }
        trim(true);
        return new Window(ids, firstPublish, answers.lastAnswerNanos());
    }

    /**
     * Paced: events at {@code rate} a second, evenly spaced, for {@code duration}; then waits for every answer.
     * Executions are seeded a chunk of about 50 ms of events ahead.
     */
    Window paced(double rate, Duration duration) throws InterruptedException {
        int events = Math.max(1, (int) Math.round(rate * duration.toMillis() / 1000.0));
        long intervalNanos = (long) (1e9 / rate);
        int seedAhead = Math.max(1, Math.min(chunk, (int) Math.ceil(rate / 20)));
        List<String> ids = new ArrayList<>(events);
        Deque<String> seeded = new ArrayDeque<>();
        long answeredBefore = answers.count();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < events; i++) {
            if (seeded.isEmpty()) {
                List<String> next = newExecutions(Math.min(seedAhead, events - i));
                seed(next);
                seeded.addAll(next);
            }
            trim(false);
            long due = start + i * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(1)));
            }
            String id = seeded.poll();
            publish(id);
            ids.add(id);
        }
        producer.flush();
        long lastProgress = System.nanoTime();
        long answered = answers.count() - answeredBefore;
        while (answered < events) {
            trim(false);
            long now = answers.awaitMoreThan(answeredBefore + answered, 20) - answeredBefore;
            if (now > answered) {
                answered = now;
                lastProgress = System.nanoTime();
            } else {
                checkProgress(lastProgress, answered, events);
            }
        }
        trim(true);
        return new Window(ids, start, answers.lastAnswerNanos());
    }

    private void checkProgress(long lastProgressNanos, long answered, long of) {
        if (!subjectAlive.getAsBoolean()) {
            throw new IllegalStateException(lane.subject() + " exited, " + answered + " of " + of + " events answered");
        }
        if (System.nanoTime() - lastProgressNanos > STALL.toNanos()) {
            throw new IllegalStateException(lane.subject() + ": " + answered + " of " + of + " events answered, none for "
                    + STALL.toSeconds() + " s");
        }
    }

    /** Publish-to-answer latencies of these executions, in milliseconds, sorted. */
    double[] latenciesMillis(List<String> ids) {
        return ids.stream().mapToDouble(id -> (answers.answerNanos(id) - publishNanos.get(id)) / 1e6).sorted().toArray();
    }

    /**
     * While on, the documents of each answered execution are checked before they are deleted: its result stored and
     * its executions status no longer queued (what a subject that publishes result_stored must have done first).
     */
    void checkAnswers(boolean on) {
        checking = on;
    }

    /** How many answered executions were checked, all found as they should be (else the load fails). */
    long checked() {
        return checked;
    }

    private void check(List<String> ids) {
        long stored = lane.results().countDocuments(Filters.in("_id", ids));
        List<String> stillActive = new ArrayList<>();
        lane.executions().find(Filters.in("execution_id", ids)).forEach(d -> {
            if (!List.of("completed", "failed", "timeout").contains(d.getString("status"))) {
                stillActive.add(d.getString("execution_id"));
            }
        });
        if (stored != ids.size() || !stillActive.isEmpty()) {
            throw new IllegalStateException(lane.subject() + " answered " + ids.size() + " executions, but stored only "
                    + stored + " results, and left " + stillActive.size() + " executions active, e.g. "
                    + stillActive.stream().limit(3).toList());
        }
        checked += ids.size();
    }

    /** The most {@code executions} documents there were at any time (the stand-in's largest scan). */
    long largestExecutions() {
        return largestExecutions;
    }

    private List<String> newExecutions(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(TestEvents.newExecutionId());
        }
        return ids;
    }

    /** How many executions were published so far, in every phase. */
    long published() {
        return sequence;
    }

    /** The API's documents of queued executions. */
    private void seed(List<String> ids) {
        seeding.accept(ids);
        ApiExecutions.insertQueued(lane.executions(), ids);
        executions += ids.size();
        largestExecutions = Math.max(largestExecutions, executions);
    }

    /** The example of the event type (as TestEvents.of makes it, without reading the file for every event). */
    private static ObjectNode event(ObjectNode example, String id) {
        ObjectNode event = example.deepCopy();
        event.put("event_id", UUID.randomUUID().toString());
        event.put("execution_id", id);
        event.put("aggregate_id", id);
        return event;
    }

    private void publish(String id) {
        long index = sequence++;
        ObjectNode event = switch ((int) (index % 3)) {
            case 0 -> event(COMPLETED, id).put("exit_code", (int) (index % 7)).put("stdout", "out " + index + "\n")
                    .put("stderr", "");
            case 1 -> event(FAILED, id).put("error_type", "system_error");
            default -> event(TIMEOUT, id).put("timeout_seconds", 5);
        };
        String topic = switch ((int) (index % 3)) {
            case 0 -> lane.names().completedTopic();
            case 1 -> lane.names().failedTopic();
            default -> lane.names().timeoutTopic();
        };
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8),
                TestEvents.bytes(event));
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        if (TRACE_CONTEXT) {
            // as the original's pod monitor sends every event: a sampled W3C trace context of its own
            record.headers().add("traceparent", ("00-" + traceId(index) + "-00f067aa0ba902b7-01")
                    .getBytes(StandardCharsets.UTF_8));
        }
        publishNanos.put(id, System.nanoTime());
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                System.err.println("an event for " + id + " was not published: " + error);
            }
        });
    }

    /** The ids of the result events of these executions: the events collection's documents, by its index. */
    private static List<String> eventIds(List<String> executionIds) {
        List<String> eventIds = new java.util.ArrayList<>(executionIds.size() * 2);
        for (String id : executionIds) {
            eventIds.add(ResultEvents.eventId("result_stored", id));
            eventIds.add(ResultEvents.eventId("result_failed", id));
        }
        return eventIds;
    }

    /** A trace id per event, as a pod monitor's traces would have. */
    private static String traceId(long index) {
        return String.format("%016x%016x", 0x4bf92f3577b34da6L, index + 1);
    }

    /** Deletes the documents of answered executions (at most every 50 ms, unless {@code now}). */
    private void trim(boolean now) {
        long time = System.nanoTime();
        if (!now && time - lastTrimNanos < TRIM_INTERVAL_NANOS) {
            return;
        }
        lastTrimNanos = time;
        List<String> ids;
        while (!(ids = answers.drainAnswered(5000)).isEmpty()) {
            if (checking) {
                check(ids);
            }
            executions -= lane.executions().deleteMany(Filters.in("execution_id", ids)).getDeletedCount();
            lane.results().deleteMany(Filters.in("_id", ids));
            lane.events().deleteMany(Filters.in("event_id", eventIds(ids)));
        }
    }
}
