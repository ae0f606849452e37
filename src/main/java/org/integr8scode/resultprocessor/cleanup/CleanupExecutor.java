package org.integr8scode.resultprocessor.cleanup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire tap's thread pool for the clean-up: a few threads and a bounded queue of clean-ups (one a batch). When
 * the queue is full (the Kubernetes API is slow or down), a further clean-up is dropped, its executions counted and
 * left to the orphan sweep: never run on the caller's thread, which is the Kafka consumer's, and never queued
 * without bound.
 */
public class CleanupExecutor extends ThreadPoolExecutor implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupExecutor.class);

    private final LongAdder dropped = new LongAdder();
    /** How many executions the clean-up about to be handed over on this thread covers ({@link CleanupRequest}). */
    private final ThreadLocal<Integer> nextCovers = new ThreadLocal<>();

    public CleanupExecutor(int threads, int queueSize) {
        super(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueSize), namedDaemonThreads());
        setRejectedExecutionHandler(new LeaveToTheSweep());
    }

    void nextCleanupCovers(int executions) {
        nextCovers.set(executions);
    }

    @Override
    public void execute(Runnable cleanup) {
        Integer covers = nextCovers.get();
        nextCovers.remove();
        super.execute(new Covering(cleanup, covers == null ? 1 : covers));
    }

    /** Executions whose clean-up waits for a thread. */
    public int backlog() {
        return getQueue().stream().mapToInt(CleanupExecutor::covers).sum();
    }

    /** Executions whose clean-up was dropped because the queue was full or the application was stopping. */
    public long dropped() {
        return dropped.sum();
    }

    /** A clean-up, with how many executions it covers. */
    private record Covering(Runnable cleanup, int executions) implements Runnable {
        @Override
        public void run() {
            cleanup.run();
        }
    }

    private static int covers(Runnable task) {
        return task instanceof Covering covering ? covering.executions() : 1;
    }

    /** On the way down: what is still queued is dropped, and left to the sweep; what runs may finish. */
    public void leaveQueuedToTheSweep() {
        shutdown();
        List<Runnable> queued = new ArrayList<>();
        getQueue().drainTo(queued);
        int executions = queued.stream().mapToInt(CleanupExecutor::covers).sum();
        dropped.add(executions);
        if (!queued.isEmpty()) {
            LOG.info("Stopping: the clean-up of {} executions left to the orphan sweep", executions);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("cleanup.backlog", this, CleanupExecutor::backlog)
                .description("Executions whose clean-up waits for a thread")
                .register(registry);
        FunctionCounter.builder("cleanup.dropped", this, CleanupExecutor::dropped)
                .description("Executions whose clean-up was dropped (backlog full, or stopping), left to the orphan sweep")
                .register(registry);
    }

    private final class LeaveToTheSweep implements RejectedExecutionHandler {
        @Override
        public void rejectedExecution(Runnable task, ThreadPoolExecutor executor) {
            dropped.add(covers(task));
            LOG.debug("Clean-up backlog full ({} executions waiting): the clean-up of {} left to the orphan sweep",
                    backlog(), covers(task));
        }
    }

    private static ThreadFactory namedDaemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "cleanup-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
