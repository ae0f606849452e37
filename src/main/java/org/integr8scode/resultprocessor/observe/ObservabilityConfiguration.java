package org.integr8scode.resultprocessor.observe;

import java.time.Duration;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerRouteEventNotifier;
import org.apache.camel.component.platform.http.plugin.JolokiaPlatformHttpPlugin;
import org.integr8scode.resultprocessor.metrics.MeteredKafkaClientFactory;
import org.integr8scode.resultprocessor.metrics.SeriesAtStart;
import org.integr8scode.resultprocessor.metrics.UnmeteredRoutes;

/**
 * What an operator watches beyond the routes' own metrics: the Kafka consumer's lag, Jolokia's access policy, the
 * push to an OpenTelemetry collector, the dashboards' series served from the start, and the routes left out of the
 * route metrics.
 */
public class ObservabilityConfiguration implements CamelConfiguration {

    @PropertyInject("jolokia.allow-operations")
    private boolean jolokiaAllowOperations;

    @PropertyInject(value = "otlp.endpoint", defaultValue = "")
    private String otlpEndpoint;

    @PropertyInject("otlp.step-ms")
    private long otlpStepMs;

    @PropertyInject("otlp.service-name")
    private String otlpServiceName;

    @PropertyInject(value = "metrics.unmetered-routes", defaultValue = "")
    private String unmeteredRoutes;

    // camel-main calls each @BindToRegistry method twice: the plugin is made once
    private JolokiaPlatformHttpPlugin jolokia;

    /** camel-kafka's client factory (autowired): consumers with the Kafka client's metrics, the lag among them. */
    @BindToRegistry
    public KafkaClientFactory kafkaClientFactory(CamelContext camelContext) {
        return new MeteredKafkaClientFactory(camelContext);
    }

    /**
     * The Jolokia plugin with operations allowed, when the setting says so; otherwise none is bound here, and
     * camel-platform-http-jolokia makes its own with the read-only policy.
     */
    @BindToRegistry(JolokiaPlatformHttpPlugin.NAME)
    public synchronized JolokiaPlatformHttpPlugin jolokia() {
        if (jolokiaAllowOperations && jolokia == null) {
            jolokia = JolokiaAccess.withOperations();
        }
        return jolokia;
    }

    /**
     * camel-micrometer's camel_routes_added and camel_routes_running, as camel.metrics.enable-route-event-notifier
     * would serve them, but from a notifier that says it takes no exchange events (Camel's own does not say so, and
     * so has Camel make an event for every record's exchange).
     */
    private static MicrometerRouteEventNotifier routesAddedAndRunning() {
        MicrometerRouteEventNotifier notifier = new MicrometerRouteEventNotifier();
        notifier.setIgnoreExchangeEvents(true);
        notifier.setIgnoreStepEvents(true);
        return notifier;
    }

    @Override
    public void configure(CamelContext camelContext) {
        if (!otlpEndpoint.isBlank()) {
            camelContext.getManagementStrategy().addEventNotifier(new OtlpExport(camelContext, otlpEndpoint,
                    Duration.ofMillis(otlpStepMs), otlpServiceName));
        }
        // after the push (notified in this order): the histograms at zero then go to the OTLP registry as well
        camelContext.getManagementStrategy().addEventNotifier(new SeriesAtStart(camelContext));
        camelContext.getManagementStrategy().addEventNotifier(new UnmeteredRoutes(camelContext, unmeteredRoutes));
        camelContext.getManagementStrategy().addEventNotifier(routesAddedAndRunning());
    }
}
