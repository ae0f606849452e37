package org.integr8scode.resultprocessor.cleanup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.spi.CamelEvent;
import org.integr8scode.resultprocessor.config.ContextEventNotifier;

/**
 * The clean-up's counters at zero from the start, for each kind and outcome, so that the dashboard's clean-up panels
 * show 0 rather than "No data" until the first delete or sweep. The routes count into the same meters
 * ({@link DeletionCounts}, and {@code micrometer:counter:...}, which tags them with the context's name as here).
 * Registered only while the clean-up is on: with it off, no clean-up series is served at all.
 */
public class CleanupSeriesAtStart extends ContextEventNotifier {

    static final String DELETIONS = "cleanup.deletions.total";
    static final String SWEEP_RUNS = "cleanup.sweep.runs.total";
    static final String SWEEP_ORPHANS = "cleanup.sweep.orphans.total";

    private final CamelContext camelContext;

    public CleanupSeriesAtStart(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextRoutesStartingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        MeterRegistry registry = MicrometerUtils.getMeterRegistryFromCamelRegistry(camelContext.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        if (registry == null) {
            return;
        }
        for (ResourceKind kind : ResourceKind.values()) {
            for (DeletionOutcome outcome : DeletionOutcome.values()) {
                deletions(registry, camelContext, kind, outcome);
            }
            counter(registry, SWEEP_ORPHANS, "kind", kind.getTag());
        }
        // as routes/cleanup.camel.yaml and the sweep's error policy count a run
        counter(registry, SWEEP_RUNS, "outcome", "completed");
        counter(registry, SWEEP_RUNS, "outcome", "failed");
    }

    private void counter(MeterRegistry registry, String name, String... tags) {
        counter(registry, camelContext, name, tags);
    }

    /** A kind's count of an outcome, the one meter the routes' counts ({@link DeletionCounts}) go into. */
    static Counter deletions(MeterRegistry registry, CamelContext camelContext, ResourceKind kind,
                             DeletionOutcome outcome) {
        return counter(registry, camelContext, DELETIONS, "kind", kind.getTag(), "outcome", outcome.getTag());
    }

    private static Counter counter(MeterRegistry registry, CamelContext camelContext, String name, String... tags) {
        return Counter.builder(name).tags(tags).tag(MicrometerConstants.CAMEL_CONTEXT_TAG, camelContext.getName())
                .register(registry);
    }
}
