package org.integr8scode.resultprocessor.redrive;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The Kafka security settings (security.protocol, sasl.*, ssl.*) of camel-kafka's component, as its consumers get
 * them (application.properties, camel.component.kafka.*), for a client the code makes itself: one place to set
 * them, and a client made here reaches the same secured broker the routes do.
 */
final class KafkaClientSecurity {

    private KafkaClientSecurity() {
    }

    static Map<String, Object> of(CamelContext camelContext) {
        Properties consumer = camelContext.getComponent("kafka", KafkaComponent.class).getConfiguration()
                .createConsumerProperties();
        Map<String, Object> security = new HashMap<>();
        consumer.forEach((key, value) -> {
            String name = key.toString();
            if (name.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || name.startsWith("sasl.")
                    || name.startsWith("ssl.")) {
                security.put(name, value);
            }
        });
        return security;
    }
}
