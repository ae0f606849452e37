package org.integr8scode.resultprocessor.metrics;

import java.time.Duration;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * camel-kafka's client factory (autowired into the component), whose consumers show the Kafka client's own metrics
 * on /observe/metrics through Micrometer's {@link KafkaClientMetrics}: among them the consumer's lag,
 * {@code kafka_consumer_fetch_manager_records_lag_max} and, per partition, {@code ..._records_lag}. A consumer's
 * meters go with it when camel-kafka closes it (on a reconnect it makes a new one, with a new client.id).
 */
public class MeteredKafkaClientFactory extends DefaultKafkaClientFactory {

    private final CamelContext camelContext;

    public MeteredKafkaClientFactory(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public Consumer getConsumer(Properties kafkaProps) {
        MeterRegistry registry = MicrometerUtils.getMeterRegistryFromCamelRegistry(camelContext.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        return registry == null ? super.getConsumer(kafkaProps) : new MeteredConsumer(kafkaProps, registry);
    }

    /** A consumer whose meters are removed when it is closed. */
    static final class MeteredConsumer extends KafkaConsumer<Object, Object> {

        private final KafkaClientMetrics metrics;

        MeteredConsumer(Properties properties, MeterRegistry registry) {
            super(properties);
            metrics = new KafkaClientMetrics(this);
            metrics.bindTo(registry);
        }

        @Override
        public void close() {
            metrics.close();
            super.close();
        }

        @Override
        public void close(Duration timeout) {
            metrics.close();
            super.close(timeout);
        }
    }
}
