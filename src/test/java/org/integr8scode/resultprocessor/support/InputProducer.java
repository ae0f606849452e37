package org.integr8scode.resultprocessor.support;

import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The producer with which tests publish input events, as a pod monitor would. */
public final class InputProducer {

    private InputProducer() {
    }

    public static KafkaProducer<byte[], byte[]> create(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                // not idempotent, one request in flight: order is kept all the same, and a partition whose leader is
                // still being elected cannot wedge it (an idempotent producer's retry there can be refused with
                // OUT_OF_ORDER_SEQUENCE_NUMBER until its batches expire)
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // compressed, so that records of several MiB fit the broker's 1 MiB limit
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
