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
 * The wire tap's thread pool for the clean-up: a few threads and a bounded queue. When the queue is full (the
 * Kubernetes API is slow or down), a further clean-up is dropped, counted and left to the orphan sweep: never run
 * on the caller's thread, which is the Kafka consumer's, and never queued without bound.
 */
public class CleanupExecutor extends ThreadPoolExecutor implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupExecutor.class);

    private final LongAdder dropped = new LongAdder();

    public CleanupExecutor(int threads, int queueSize) {
        super(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueSize), namedDaemonThreads());
        setRejectedExecutionHandler(new LeaveToTheSweep());
    }

    /** Clean-ups waiting for a thread. */
    public int backlog() {
        return getQueue().size();
    }

    /** Clean-ups dropped because the queue was full or the application was stopping. */
    public long dropped() {
        return dropped.sum();
    }

    /** On the way down: what is still queued is dropped, and left to the sweep; what runs may finish. */
    public void leaveQueuedToTheSweep() {
        shutdown();
        List<Runnable> queued = new ArrayList<>();
        getQueue().drainTo(queued);
        dropped.add(queued.size());
        if (!queued.isEmpty()) {
            LOG.info("Stopping: {} queued clean-ups left to the orphan sweep", queued.size());
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("cleanup.backlog", this, CleanupExecutor::backlog)
                .description("Executions whose clean-up waits for a thread")
                .register(registry);
        FunctionCounter.builder("cleanup.dropped", this, CleanupExecutor::dropped)
                .description("Clean-ups dropped because the backlog was full, left to the orphan sweep")
                .register(registry);
    }

    private final class LeaveToTheSweep implements RejectedExecutionHandler {
        @Override
        public void rejectedExecution(Runnable task, ThreadPoolExecutor executor) {
            dropped.increment();
            LOG.debug("Clean-up backlog full ({} waiting): one clean-up left to the orphan sweep", backlog());
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
