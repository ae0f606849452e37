package org.integr8scode.resultprocessor.trace;

import java.nio.charset.StandardCharsets;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.camel.Message;

/**
 * The trace headers of a Camel message as OpenTelemetry's propagators read and write them: camel-kafka hands a
 * record's headers over as bytes, and sends a String header as its UTF-8 bytes.
 */
final class KafkaHeaders implements TextMapGetter<Message>, TextMapSetter<Message> {

    static final KafkaHeaders INSTANCE = new KafkaHeaders();

    @Override
    public Iterable<String> keys(Message message) {
        return message.getHeaders().keySet();
    }

    @Override
    public String get(Message message, String name) {
        if (message == null) {
            return null;
        }
        Object value = message.getHeader(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    @Override
    public void set(Message message, String name, String value) {
        if (message != null) {
            message.setHeader(name, value);
        }
    }
}
