package org.integr8scode.resultprocessor.support;

import org.testcontainers.DockerClientFactory;

/**
 * The broker and database the tests share, started once per JVM: Testcontainers' Kafka and MongoDB where a
 * Docker engine answers, else the embedded KRaft broker and the MongoDB stand-in. The routes never know which.
 */
public final class TestServices {

    private static KafkaService kafka;
    private static MongoService mongo;

    private TestServices() {
    }

    public static synchronized KafkaService kafka() {
        if (kafka == null) {
            kafka = dockerAvailable() ? ContainerServices.kafka() : new EmbeddedKafka(3);
            closeAtExit(kafka);
        }
        return kafka;
    }

    public static synchronized MongoService mongo() {
        if (mongo == null) {
            mongo = dockerAvailable() ? ContainerServices.mongo() : new MongoStandIn();
            closeAtExit(mongo);
        }
        return mongo;
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("tests.without-docker")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void closeAtExit(AutoCloseable service) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception ignored) {
                // the JVM is going away
            }
        }));
    }
}
