package org.integr8scode.resultprocessor.observe;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.spi.CamelEvent;
import org.integr8scode.resultprocessor.config.ContextEventNotifier;
import org.integr8scode.resultprocessor.metrics.ResultMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the meters served on /observe/metrics to an OpenTelemetry collector as well (Micrometer's OTLP registry,
 * over HTTP), where an endpoint is set. camel-micrometer-prometheus insists on a Prometheus registry of its own, so
 * the OTLP registry mirrors it: each meter, as it is added, gets a twin reading the same values (counters and
 * gauges exactly; Camel's timers as count and total time). The histograms the dashboards query are recorded into
 * the OTLP registry by {@link ResultMetrics} itself, buckets and all.
 * <p>
 * Starts before the routes, once camel-micrometer-prometheus has made its registry; stops (with a last push) with
 * the context.
 */
public class OtlpExport extends ContextEventNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(OtlpExport.class);

    private final CamelContext camelContext;
    private final Map<String, String> config = new HashMap<>();
    private final String serviceName;
    private volatile OtlpMeterRegistry otlp;

    /**
     * @param endpoint the collector's base URL (OTEL_EXPORTER_OTLP_ENDPOINT), {@code /v1/metrics} added
     * @param step how often the meters are pushed
     * @param serviceName the resource's service.name, unless OTEL_RESOURCE_ATTRIBUTES names one
     */
    public OtlpExport(CamelContext camelContext, String endpoint, Duration step, String serviceName) {
        this.camelContext = camelContext;
        this.serviceName = serviceName;
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        config.put("otlp.url", base.endsWith("/v1/metrics") ? base : base + "/v1/metrics");
        config.put("otlp.step", step.toString());
        // durations in seconds, as OpenTelemetry's conventions and the Prometheus series have them
        config.put("otlp.baseTimeUnit", "seconds");
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextRoutesStartingEvent
                || event instanceof CamelEvent.CamelContextStoppedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextRoutesStartingEvent && otlp == null) {
            startPushing();
        } else if (event instanceof CamelEvent.CamelContextStoppedEvent && otlp != null) {
            OtlpMeterRegistry pushing = otlp;
            otlp = null;
            resultMetrics(null);
            pushing.close();
        }
    }

    private void startPushing() {
        MeterRegistry served = MicrometerUtils.getMeterRegistryFromCamelRegistry(camelContext.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        if (served == null) {
            LOG.warn("No metrics registry (camel.metrics.enabled is off): nothing to push to {}", config.get("otlp.url"));
            return;
        }
        OtlpConfig otlpConfig = new OtlpConfig() {
            @Override
            public String get(String key) {
                return config.get(key);
            }

            @Override
            public Map<String, String> resourceAttributes() {
                Map<String, String> attributes = new HashMap<>(OtlpConfig.super.resourceAttributes());
                attributes.putIfAbsent("service.name", serviceName);
                return attributes;
            }
        };
        OtlpMeterRegistry pushing = new OtlpMeterRegistry(otlpConfig, Clock.SYSTEM);
        otlp = pushing;
        // the listeners first, then the meters already there: a meter added in between is mirrored once
        served.config().onMeterAdded(this::mirror).onMeterRemoved(meter -> pushing.remove(meter.getId()));
        served.getMeters().forEach(this::mirror);
        resultMetrics(pushing);
        LOG.info("Pushing metrics to {} every {}", config.get("otlp.url"), otlpConfig.step());
    }

    private void resultMetrics(MeterRegistry pushing) {
        camelContext.getRegistry().findByType(ResultMetrics.class)
                .forEach(metrics -> metrics.alsoRecordHistogramsIn(pushing));
    }

    private void mirror(Meter meter) {
        MeterRegistry to = otlp;
        Meter.Id id = meter.getId();
        if (to == null || ResultMetrics.recordsItself(id)
                || to.find(id.getName()).tags(id.getTags()).meters().stream().anyMatch(m -> m.getId().equals(id))) {
            return;
        }
        if (meter instanceof Counter counter) {
            FunctionCounter.builder(id.getName(), counter, Counter::count).tags(id.getTags())
                    .description(id.getDescription()).baseUnit(id.getBaseUnit()).register(to);
        } else if (meter instanceof FunctionCounter counter) {
            FunctionCounter.builder(id.getName(), counter, FunctionCounter::count).tags(id.getTags())
                    .description(id.getDescription()).baseUnit(id.getBaseUnit()).register(to);
        } else if (meter instanceof TimeGauge gauge) {
            TimeGauge.builder(id.getName(), gauge, gauge.baseTimeUnit(), TimeGauge::value).tags(id.getTags())
                    .description(id.getDescription()).register(to);
        } else if (meter instanceof Gauge gauge) {
            Gauge.builder(id.getName(), gauge, Gauge::value).tags(id.getTags())
                    .description(id.getDescription()).baseUnit(id.getBaseUnit()).register(to);
        } else if (meter instanceof Timer timer) {
            FunctionTimer.builder(id.getName(), timer, Timer::count, t -> t.totalTime(TimeUnit.NANOSECONDS),
                    TimeUnit.NANOSECONDS).tags(id.getTags()).description(id.getDescription()).register(to);
        } else if (meter instanceof FunctionTimer timer) {
            FunctionTimer.builder(id.getName(), timer, t -> (long) t.count(), t -> t.totalTime(TimeUnit.NANOSECONDS),
                    TimeUnit.NANOSECONDS).tags(id.getTags()).description(id.getDescription()).register(to);
        } else {
            LOG.debug("Not pushed to OTLP: {} ({})", id.getName(), id.getType());
        }
    }
}
