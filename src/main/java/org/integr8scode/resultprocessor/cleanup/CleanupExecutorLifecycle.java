package org.integr8scode.resultprocessor.cleanup;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * Ties the clean-up's thread pool to the Camel context: its meters are bound once the context (and with it the
 * metrics registry) has started, and when the context begins to stop, what is still queued is left to the sweep
 * rather than run against routes that are going away.
 */
public class CleanupExecutorLifecycle extends SimpleEventNotifierSupport {

    private final CleanupExecutor executor;

    public CleanupExecutorLifecycle(CleanupExecutor executor) {
        this.executor = executor;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStartedEvent || event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStartedEvent started) {
            MeterRegistry registry = MicrometerUtils.getMeterRegistryFromCamelRegistry(
                    started.getContext().getRegistry(), MicrometerConstants.METRICS_REGISTRY_NAME);
            if (registry != null) {
                executor.bindTo(registry);
            }
        } else {
            executor.leaveQueuedToTheSweep();
        }
    }
}
