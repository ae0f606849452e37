package org.integr8scode.resultprocessor.metrics;

import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.CamelEvent;
import org.integr8scode.resultprocessor.config.ContextEventNotifier;

/**
 * Leaves the routes a pattern names (METRICS_UNMETERED_ROUTES, none by default) out of camel-micrometer's route
 * metrics ({@code camel_exchanges_*}), which camel.metrics.* cannot: {@code map-event}, the route a record of a batch
 * holding poison passes through on its own, saves each such record a formatted meter name, a timer sample and four
 * counters, and loses its series, the poison records it handles among them. Its records are still counted by the
 * service's own meters (messaging_process_*), and its route MBean still counts its exchanges over JMX.
 * <p>
 * camel-micrometer reads the pattern as each route starts, from the configuration the route policy factory shares
 * with its policies; so it is set there as the routes begin to start, once camel-main has added the factory.
 */
public class UnmeteredRoutes extends ContextEventNotifier {

    private final CamelContext camelContext;
    private final String pattern;

    public UnmeteredRoutes(CamelContext camelContext, String pattern) {
        this.camelContext = camelContext;
        this.pattern = pattern;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextRoutesStartingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        camelContext.getRoutePolicyFactories().stream()
                .filter(MicrometerRoutePolicyFactory.class::isInstance)
                .map(MicrometerRoutePolicyFactory.class::cast)
                .forEach(factory -> factory.getPolicyConfiguration().setExcludePattern(pattern.isBlank() ? null : pattern));
    }
}
