package org.integr8scode.resultprocessor.metrics;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * camel-kafka's client factory (named at component level), whose consumers show the Kafka client's own metrics on
 * /observe/metrics through Micrometer's {@link KafkaClientMetrics}: among them the consumer's lag,
 * {@code kafka_consumer_fetch_manager_records_lag_max} and, per partition, {@code ..._records_lag}.
 * <p>
 * The consumer handed out is camel-kafka's own plain {@code KafkaConsumer}, not a subclass: camel-kafka's readiness
 * check reads a field of that exact class by reflection, and quietly reports ready when it cannot (a subclass kept
 * readiness up while the broker was away). On a reconnect camel-kafka closes a fetch task's consumer and asks for a
 * new one with the same properties: the closed one's meters are removed then.
 */
public class MeteredKafkaClientFactory extends DefaultKafkaClientFactory {

    private final CamelContext camelContext;
    /** The meters of each fetch task's current consumer, by the task's properties (the same object each time). */
    private final Map<Properties, KafkaClientMetrics> metered = Collections.synchronizedMap(new IdentityHashMap<>());

    public MeteredKafkaClientFactory(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public Consumer getConsumer(Properties kafkaProps) {
        Consumer consumer = super.getConsumer(kafkaProps);
        MeterRegistry registry = MicrometerUtils.getMeterRegistryFromCamelRegistry(camelContext.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        if (registry != null) {
            KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
            metrics.bindTo(registry);
            KafkaClientMetrics previous = metered.put(kafkaProps, metrics);
            if (previous != null) {
                previous.close();
            }
        }
        return consumer;
    }
}
