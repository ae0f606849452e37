package org.integr8scode.resultprocessor.metrics;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.integr8scode.resultprocessor.config.ContextEventNotifier;

/**
 * Serves the dashboards' series from the start, at zero ({@link ResultMetrics#registerKnownSeries()}): as the
 * routes start, once camel-micrometer-prometheus has made its registry, before the first record is consumed.
 */
public class SeriesAtStart extends ContextEventNotifier {

    private final CamelContext camelContext;

    public SeriesAtStart(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextRoutesStartingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        camelContext.getRegistry().findByType(ResultMetrics.class).forEach(ResultMetrics::registerKnownSeries);
    }
}
