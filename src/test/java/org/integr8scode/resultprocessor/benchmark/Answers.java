package org.integr8scode.resultprocessor.benchmark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * When each execution was first answered by the subject under test, as the harness sees it: its
 * {@code result_stored} record consumed ({@link ResultTopicAnswers}), or, for the sink connector that publishes
 * nothing, its document found in the sink collection ({@link SinkCollectionAnswers}). Answered executions queue
 * up for the harness to delete their documents, which keeps the stand-in's collections small.
 */
abstract class Answers implements AutoCloseable {

    private final Map<String, Long> firstAnswerNanos = new ConcurrentHashMap<>();
    private final Queue<String> toTrim = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> anomalies = new TreeMap<>();
    private long count;
    private long lastAnswerNanos;

    /** What an answer is, for the printed table. */
    abstract String endPoint();

    protected void answered(Collection<String> ids, long nanos) {
        List<String> first = new ArrayList<>(ids.size());
        for (String id : ids) {
            if (firstAnswerNanos.putIfAbsent(id, nanos) == null) {
                first.add(id);
            } else {
                anomaly("repeated answers");
            }
        }
        toTrim.addAll(first);
        synchronized (this) {
            count += first.size();
            if (!first.isEmpty()) {
                lastAnswerNanos = nanos;
            }
            notifyAll();
        }
    }

    protected synchronized void anomaly(String what) {
        anomalies.merge(what, 1L, Long::sum);
    }

    synchronized Map<String, Long> anomalies() {
        return new TreeMap<>(anomalies);
    }

    synchronized long count() {
        return count;
    }

    synchronized long lastAnswerNanos() {
        return lastAnswerNanos;
    }

    /** Waits until more than {@code seen} executions are answered, or the timeout passes; answers the count. */
    synchronized long awaitMoreThan(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (count <= seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return count;
    }

    Long answerNanos(String id) {
        return firstAnswerNanos.get(id);
    }

    /** The executions answered since the last call, whose documents the harness may now delete. */
    List<String> drainAnswered(int max) {
        List<String> ids = new ArrayList<>();
        String id;
        while (ids.size() < max && (id = toTrim.poll()) != null) {
            ids.add(id);
        }
        return ids;
    }

    @Override
    public abstract void close();
}
