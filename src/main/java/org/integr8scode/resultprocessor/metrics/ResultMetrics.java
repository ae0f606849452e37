package org.integr8scode.resultprocessor.metrics;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.integr8scode.resultprocessor.store.StoreOutcome;
import org.integr8scode.resultprocessor.store.StoredResult;

/**
 * Counts a batch's outcomes in the registry camel-micrometer serves on /observe/metrics, under the names (and the
 * {@code camelContext} tag) its endpoints give: the result events published, MongoDB's refusals, and the original
 * service's execution metrics, once per stored result. In Java rather than one route call per record: per record
 * it is most of a batch's routing.
 */
public class ResultMetrics {

    private final CamelContext camelContext;
    private volatile MeterRegistry registry;

    public ResultMetrics(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void count(List<StoreOutcome> outcomes) {
        MeterRegistry meters = registry();
        String context = camelContext.getName();
        for (StoreOutcome outcome : outcomes) {
            if (outcome.rejected()) {
                counter(meters, "results.failed.total", context).increment();
                counter(meters, "event.processing.errors.total", context, "error_type", "storage_rejected").increment();
                continue;
            }
            counter(meters, outcome.executionFound() ? "results.stored.total" : "results.failed.total", context)
                    .increment();
            StoredResult stored = outcome.stored();
            if (stored.storedNow()) {
                counter(meters, "script.executions.total", context, "status", stored.status()).increment();
                if (stored.durationSeconds() != null) {
                    summary(meters, "script.execution.duration", context).record(stored.durationSeconds());
                }
                if (stored.peakMemoryMib() != null) {
                    summary(meters, "script.memory.usage", context).record(stored.peakMemoryMib());
                }
                if (stored.errorType() != null) {
                    counter(meters, "script.errors.total", context, "error_type", stored.errorType()).increment();
                }
            }
        }
    }

    private MeterRegistry registry() {
        if (registry == null) {
            registry = MicrometerUtils.getOrCreateMeterRegistry(camelContext.getRegistry(),
                    MicrometerConstants.METRICS_REGISTRY_NAME);
        }
        return registry;
    }

    private static Counter counter(MeterRegistry meters, String name, String context, String... tags) {
        return Counter.builder(name).tags(tags).tag(MicrometerConstants.CAMEL_CONTEXT_TAG, context).register(meters);
    }

    private static DistributionSummary summary(MeterRegistry meters, String name, String context) {
        return DistributionSummary.builder(name).tag(MicrometerConstants.CAMEL_CONTEXT_TAG, context).register(meters);
    }
}
