package org.integr8scode.resultprocessor.cleanup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.integr8scode.resultprocessor.config.ContextEventNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clean-up's queue as operators see it, in executions (a queued clean-up is a batch's execution_ids): those
 * whose clean-up waits on the queue ({@code cleanup_backlog}), and those whose clean-up was dropped, left to the
 * orphan sweep ({@code cleanup_dropped_total}). The queue itself is Camel's, the {@code seda:} endpoint route
 * {@value #ROUTE} consumes (routes/cleanup.camel.yaml), which also says when a batch is dropped. Once the context
 * has started its meters are bound; when the context begins to stop, what is still queued, and what would be queued
 * after, is left to the sweep rather than run against routes that are going away.
 */
public class CleanupBacklog extends ContextEventNotifier implements MeterBinder {

    /** The route whose {@code seda:} queue this reads. */
    static final String ROUTE = "clean-up-executions";

    private static final Logger LOG = LoggerFactory.getLogger(CleanupBacklog.class);

    private final LongAdder dropped = new LongAdder();
    private volatile BlockingQueue<Exchange> queue;
    private volatile boolean closed;

    /** A batch whose clean-up the queue refused: its executions counted, left to the sweep. */
    public void drop(@Body List<String> executionIds) {
        dropped.add(executionIds.size());
    }

    /** Whether the application has begun to stop: from then on nothing more is queued, all is left to the sweep. */
    public boolean isClosed() {
        return closed;
    }

    /** Executions whose clean-up waits on the queue. */
    public int backlog() {
        BlockingQueue<Exchange> waiting = queue;
        if (waiting == null) {
            return 0;
        }
        int executions = 0;
        for (Exchange cleanup : waiting) {
            executions += executions(cleanup);
        }
        return executions;
    }

    /** Executions whose clean-up was dropped because the queue was full or the application was stopping. */
    public long dropped() {
        return dropped.sum();
    }

    /** On the way down: what is still queued is dropped, and left to the sweep; what runs may finish. */
    void leaveQueuedToTheSweep() {
        closed = true;
        BlockingQueue<Exchange> waiting = queue;
        if (waiting == null) {
            return;
        }
        List<Exchange> queued = new ArrayList<>();
        waiting.drainTo(queued);
        int executions = queued.stream().mapToInt(CleanupBacklog::executions).sum();
        dropped.add(executions);
        if (!queued.isEmpty()) {
            LOG.info("Stopping: the clean-up of {} executions left to the orphan sweep", executions);
        }
    }

    private static int executions(Exchange cleanup) {
        return cleanup.getMessage().getBody() instanceof Collection<?> executionIds ? executionIds.size() : 1;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("cleanup.backlog", this, CleanupBacklog::backlog)
                .description("Executions whose clean-up waits on the clean-up queue")
                .register(registry);
        FunctionCounter.builder("cleanup.dropped", this, CleanupBacklog::dropped)
                .description("Executions whose clean-up was dropped (queue full, or stopping), left to the orphan sweep")
                .register(registry);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStartedEvent || event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStartedEvent started) {
            CamelContext camelContext = started.getContext();
            Route route = camelContext.getRoute(ROUTE);
            if (route != null && route.getEndpoint() instanceof SedaEndpoint seda) {
                queue = seda.getQueue();
            }
            MeterRegistry registry = MicrometerUtils.getMeterRegistryFromCamelRegistry(camelContext.getRegistry(),
                    MicrometerConstants.METRICS_REGISTRY_NAME);
            if (registry != null) {
                bindTo(registry);
            }
        } else {
            leaveQueuedToTheSweep();
        }
    }
}
