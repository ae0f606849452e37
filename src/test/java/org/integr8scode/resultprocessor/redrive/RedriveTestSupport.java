package org.integr8scode.resultprocessor.redrive;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.integr8scode.resultprocessor.publish.DeadLetterHeaders;
import org.integr8scode.resultprocessor.support.DeadLetters;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.ResultTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The re-drive's tests: the application as it runs, plus what an operator sees of a re-drive: the route over JMX,
 * the copies on the input topics, the re-drive group's committed offsets and the metrics.
 */
abstract class RedriveTestSupport extends ResultProcessorTestSupport {

    static final String POISON = "org.integr8scode.resultprocessor.event.PoisonRecordException";

    protected final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    /** Everything published on the three input topics: the tests' events and the re-drive's copies. */
    protected ResultTopics inputs;

    @BeforeAll
    void readInputTopics() {
        inputs = new ResultTopics(kafka.bootstrapServers(), List.of(completedTopic, failedTopic, timeoutTopic), PARTITIONS);
    }

    @AfterAll
    void closeInputReader() {
        if (inputs != null) {
            inputs.close();
        }
    }

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("dlq-redrive.consumer-group", redriveGroup());
        properties.setProperty("dlq-redrive.check-interval-ms", "200");
        return properties;
    }

    /** Called from the constructor (by overrides()), before the fields are set. */
    protected String redriveGroup() {
        return lane().redriveGroup();
    }

    protected ObjectName redriveRoute() throws Exception {
        return new ObjectName("org.apache.camel:context=" + context().getManagementName()
                + ",type=routes,name=\"dlq-redrive\"");
    }

    protected String redriveState() throws Exception {
        return (String) jmx.getAttribute(redriveRoute(), "State");
    }

    /** As an operator would: the route's start operation over JMX; then waits until the run has stopped itself. */
    protected void redriveOverJmx() throws Exception {
        jmx.invoke(redriveRoute(), "start", null, null);
        awaitRedriveStopped();
    }

    protected void awaitRedriveStopped() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> "Stopped".equals(redriveState()));
    }

    /** A dead letter as the processor writes it (routes/result-processor.camel.yaml, DeadLetterHeaders). */
    protected RecordMetadata publishDeadLetter(String originalTopic, String key, byte[] value, String errorClass,
                                               Instant failedAt, Integer redriveCount) {
        ProducerRecord<byte[], byte[]> record = DeadLetters.of(deadLetterTopic, originalTopic, 42,
                key.getBytes(StandardCharsets.UTF_8), value, errorClass, failedAt);
        DeadLetters.header(record, "correlation_id", "corr-" + key);
        if (redriveCount != null) {
            DeadLetters.header(record, DeadLetterHeaders.REDRIVE_COUNT, String.valueOf(redriveCount));
        }
        try {
            return producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The copies the re-drive put on an input topic for this key. */
    protected List<ConsumerRecord<byte[], byte[]>> copies(String topic, String key) {
        return inputs.on(topic, keyed(key)).stream().filter(r -> r.headers().lastHeader("dlq.redrive.count") != null)
                .toList();
    }

    protected double redriveMetric(String outcome) {
        return metric("dlq_redrive_records_total", "outcome=\"" + outcome + "\"");
    }

    /** The re-drive group's committed offsets on the dead-letter topic, summed over its partitions. */
    protected long committedRedriveOffsets() {
        return clients.offsets().total(redriveGroup());
    }
}
