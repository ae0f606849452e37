package org.integr8scode.resultprocessor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.integr8scode.resultprocessor.support.KafkaProcess;
import org.integr8scode.resultprocessor.support.ProcessorProcess;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A Kafka that wants a user and password (a SASL_PLAINTEXT listener, PLAIN): with the right ones in KAFKA_SECURITY_PROTOCOL,
 * KAFKA_SASL_MECHANISM and KAFKA_SASL_JAAS_CONFIG, results flow (the consumer, the result producers, the
 * dead-letter producer and the re-drive's Admin client all reach it); with a wrong password the processor stays
 * alive but not ready and says why, storing nothing; restarted with the right one, it stores everything published
 * meanwhile, each once.
 */
class KafkaSaslIT extends ReliabilityTestSupport {

    private static final String WRONG_PASSWORD = "not-the-password";

    @Test
    void rightCredentialsFlowWrongOnesWaitNotReadyAndLoseNothing() throws Exception {
        // the right credentials: the re-drive runs at the start (its Admin client), results and a dead letter flow
        Map<String, String> withRedrive = saslEnvironment(KafkaProcess.SASL_PASSWORD);
        withRedrive.put("DLQ_REDRIVE", "true");
        ProcessorProcess first = startProcessor("right", withRedrive);
        await().atMost(Duration.ofMinutes(2)).until(() -> first.logSince(0).contains("Dead-letter re-drive finished"));
        List<String> before = givenPublishedTerminalEvents(30);
        publishAll(List.of(new ProducerRecord<>(completedTopic, "poison".getBytes(StandardCharsets.UTF_8),
                "not an event".getBytes(StandardCharsets.UTF_8))));
        awaitStored(before.size(), Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(60)).until(() -> published.on(deadLetterTopic).size() == 1
                && published.on(storedTopic).size() >= before.size());
        assertThat(first.terminate()).as("exit code after SIGTERM").isIn(0, 143);

        // a wrong password: alive, not ready, says why; nothing stored
        ProcessorProcess wrong = startProcessor("wrong", saslEnvironment(WRONG_PASSWORD));
        List<String> meanwhile = givenPublishedTerminalEvents(30);
        await().atMost(Duration.ofMinutes(1)).until(() -> wrong.probes().equals("200/503"));
        Thread.sleep(15_000);
        assertThat(wrong.isAlive()).as("alive with a wrong Kafka password").isTrue();
        assertThat(wrong.probes()).as("live/ready with a wrong Kafka password").isEqualTo("200/503");
        // the consumer of the input topics says why, once: Kafka refused its user and password
        List<String> why = wrong.logSince(0).lines().filter(line -> line.contains("KafkaFetchRecords")
                && line.contains("SaslAuthenticationException") && line.contains(completedTopic)).toList();
        assertThat(why).as("the consumer's lines on the refusal").hasSize(1);
        assertThat(why.get(0)).contains("Authentication failed: Invalid username or password");
        assertThat(storedCount()).as("stored with a wrong Kafka password").isEqualTo(before.size());
        System.out.println("KafkaSaslIT: with a wrong password, the processor says: " + why.get(0));
        assertThat(wrong.terminate()).as("exit code after SIGTERM").isIn(0, 143);

        // fixed: everything published meanwhile stored, each once
        ProcessorProcess fixed = startProcessor("fixed", saslEnvironment(KafkaProcess.SASL_PASSWORD));
        List<String> all = new ArrayList<>(before);
        all.addAll(meanwhile);
        awaitStored(all.size(), Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(60)).until(() -> published.on(storedTopic).stream().map(this::key)
                .distinct().count() == all.size());
        assertThat(results().countDocuments()).isEqualTo(all.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> fixed.probes().equals("200/200"));
        assertThat(published.on(deadLetterTopic)).as("dead letters: the poison record only").hasSize(1);
    }

    private Map<String, String> saslEnvironment(String password) {
        Map<String, String> environment = processorEnvironment(mongoServer().connectionString());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka().saslBootstrapServers());
        environment.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        environment.put("KAFKA_SASL_MECHANISM", "PLAIN");
        environment.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"" + KafkaProcess.SASL_USER + "\" password=\"" + password + "\";");
        return environment;
    }
}
