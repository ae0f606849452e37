package org.integr8scode.resultprocessor.cleanup;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Variable;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;

/**
 * Counts the clean-up's deletes into {@code cleanup_deletions_total}, each execution once a kind: the meters
 * {@link CleanupSeriesAtStart} serves from the start, looked up once. A bean rather than a {@code micrometer:}
 * endpoint per count, whose tags and increment are simple expressions evaluated for every batch.
 */
public class DeletionCounts {

    private final CamelContext camelContext;
    private volatile Map<ResourceKind, Map<DeletionOutcome, Counter>> counters;

    public DeletionCounts(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** Execution_ids that make no valid name: nothing deleted for them, counted refused for each kind. */
    public void refused(@Variable("refusedIds") List<String> refusedIds) {
        for (ResourceKind kind : ResourceKind.values()) {
            increment(kind, DeletionOutcome.REFUSED, refusedIds.size());
        }
    }

    /** How a kind's delete for a batch ended ({@link LabelledDelete}). */
    public void deleted(@Variable(CleanupRequest.KIND) ResourceKind kind, @Body LabelledDelete.Count count) {
        increment(kind, DeletionOutcome.DELETED, count.deleted());
        increment(kind, DeletionOutcome.ALREADY_GONE, count.alreadyGone());
    }

    private void increment(ResourceKind kind, DeletionOutcome outcome, int executions) {
        Map<ResourceKind, Map<DeletionOutcome, Counter>> meters = counters();
        if (meters != null && executions > 0) {
            meters.get(kind).get(outcome).increment(executions);
        }
    }

    private Map<ResourceKind, Map<DeletionOutcome, Counter>> counters() {
        Map<ResourceKind, Map<DeletionOutcome, Counter>> meters = counters;
        if (meters == null) {
            MeterRegistry registry = MicrometerUtils.getMeterRegistryFromCamelRegistry(camelContext.getRegistry(),
                    MicrometerConstants.METRICS_REGISTRY_NAME);
            if (registry == null) {
                return null;
            }
            meters = new EnumMap<>(ResourceKind.class);
            for (ResourceKind kind : ResourceKind.values()) {
                Map<DeletionOutcome, Counter> byOutcome = new EnumMap<>(DeletionOutcome.class);
                for (DeletionOutcome outcome : DeletionOutcome.values()) {
                    byOutcome.put(outcome, CleanupSeriesAtStart.deletions(registry, camelContext, kind, outcome));
                }
                meters.put(kind, byOutcome);
            }
            counters = meters;
        }
        return meters;
    }
}
