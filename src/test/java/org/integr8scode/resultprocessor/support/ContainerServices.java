package org.integr8scode.resultprocessor.support;

import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** Real Kafka and MongoDB in containers, used where a Docker engine answers. */
final class ContainerServices {

    private ContainerServices() {
    }

    static KafkaService kafka() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse("apache/kafka:3.9.1"))
                .withEnv("KAFKA_NUM_PARTITIONS", "3");
        container.start();
        return new KafkaService() {
            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    static MongoService mongo() {
        MongoDBContainer container = new MongoDBContainer(DockerImageName.parse("mongo:7.0"));
        container.start();
        return new MongoService() {
            @Override
            public String connectionString() {
                return container.getConnectionString();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
