package org.integr8scode.resultprocessor.support;

/** A Kafka broker for tests; whether it is a container or the embedded test kit is its own affair. */
public interface KafkaService extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();
}
