package org.integr8scode.resultprocessor.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.integr8scode.resultprocessor.event.PoisonRecordException;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * The re-drive after a fix, started as an operator would over JMX: records the reader refused are dead-lettered;
 * the reader is fixed; the re-drive sends them back to their topics, where they are stored and answered exactly
 * once; a record that still fails comes back to the dead-letter topic with its count raised, and after
 * DLQ_REDRIVE_MAX re-drives it is left where it is. Which records the reader refuses is the test's to say: a
 * check woven into the real route map-event, the way a reader that did not know a new field would refuse them.
 */
class DeadLetterRedriveTest extends RedriveTestSupport {

    /** The keys the reader refuses: the bug before its fix. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    /** The keys whose copy Kafka refuses for good. */
    private final Set<String> unsendable = ConcurrentHashMap.newKeySet();

    private void weaveTheReadersBug() throws Exception {
        AdviceWith.adviceWith(context(), "map-event", route -> route.weaveAddFirst().process(exchange -> {
            if (isRefused(exchange.getMessage())) {
                throw new PoisonRecordException("the reader does not know field 'language' yet");
            }
        }));
        // the batch's typed step reads with the same reader: it takes no batch holding a record the reader refuses,
        // and leaves it to map-event
        AdviceWith.adviceWith(context(), "map-records", route -> route.weaveById("map-whole-batch").after()
                .process(exchange -> {
                    List<?> records = exchange.getVariable("records", List.class);
                    if (records.stream().anyMatch(record -> isRefused(((Exchange) record).getMessage()))) {
                        exchange.getMessage().setBody(null);
                    }
                }));
    }

    private boolean isRefused(Message record) {
        byte[] key = record.getHeader(KafkaConstants.KEY, byte[].class);
        return key != null && refused.contains(new String(key, StandardCharsets.UTF_8));
    }

    /** messaging_publish_messages_total on an input topic: the re-drive's copies. */
    private double publishedTo(String topic) {
        return metric("messaging_publish_messages_total", "messaging_destination_name=\"" + topic + "\"");
    }

    @Test
    void afterTheFixEachDeadLetterIsStoredAndAnsweredExactlyOnceAndOneThatStillFailsStopsAtTheCap() throws Exception {
        assertThat(redriveState()).as("off by default").isEqualTo("Stopped");
        weaveTheReadersBug();
        double redrivenBefore = redriveMetric("redriven");
        double cappedBefore = redriveMetric("skipped_cap");
        long resultsBefore = results().countDocuments();
        List<String> fixed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fixed.add(newExecutionId());
        }
        String stillFailing = newExecutionId();
        refused.addAll(fixed);
        refused.add(stillFailing);
        for (int i = 0; i < fixed.size(); i++) {
            String id = fixed.get(i);
            givenExecution(id);
            publish(i % 2 == 0 ? completedTopic : timeoutTopic,
                    i % 2 == 0 ? TestEvents.completed(id, 0, "out " + i, "") : TestEvents.timeout(id, 30));
        }
        givenExecution(stillFailing);
        publish(failedTopic, 2, stillFailing.getBytes(StandardCharsets.UTF_8),
                TestEvents.bytes(TestEvents.failed(stillFailing, "system_error")), java.util.Map.of("correlation_id", "c-1"));
        for (String id : fixed) {
            awaitRecords(deadLetterTopic, 1, keyed(id));
        }
        ConsumerRecord<byte[], byte[]> firstDeadLetter = awaitRecords(deadLetterTopic, 1, keyed(stillFailing)).get(0);
        assertThat(results().countDocuments()).isEqualTo(resultsBefore);

        // the fix: the reader now takes all but one of them
        refused.removeAll(fixed);
        double publishedBefore = publishedTo(completedTopic) + publishedTo(timeoutTopic) + publishedTo(failedTopic);
        redriveOverJmx();

        for (int i = 0; i < fixed.size(); i++) {
            String id = fixed.get(i);
            String topic = i % 2 == 0 ? completedTopic : timeoutTopic;
            ConsumerRecord<byte[], byte[]> deadLetter = published.on(deadLetterTopic, keyed(id)).get(0);
            List<ConsumerRecord<byte[], byte[]>> copies = copies(topic, id);
            assertThat(copies).as("copies of " + id).hasSize(1);
            ConsumerRecord<byte[], byte[]> copy = copies.get(0);
            assertThat(copy.value()).as("the value, unchanged").isEqualTo(deadLetter.value());
            assertThat(header(copy, "dlq.redrive.count")).isEqualTo("1");
            for (String kept : List.of("dlq.original.topic", "dlq.original.offset", "dlq.error.class", "dlq.failed.at")) {
                assertThat(header(copy, kept)).as(kept + ", kept for the record's history").isEqualTo(header(deadLetter, kept));
            }
            awaitRecords(storedTopic, 1, keyed(id));
            assertThat(result(id)).as("result of " + id).isNotNull();
        }

        // the one that still fails: back on the dead-letter topic with its count, its other headers its new failure's
        ConsumerRecord<byte[], byte[]> back = awaitRecords(deadLetterTopic, 2, keyed(stillFailing)).get(1);
        assertThat(back.value()).isEqualTo(firstDeadLetter.value());
        assertThat(header(back, "dlq.redrive.count")).isEqualTo("1");
        assertThat(header(back, "dlq.original.topic")).isEqualTo(failedTopic);
        assertThat(header(back, "dlq.error.class")).isEqualTo(POISON);
        assertThat(header(back, "correlation_id")).isEqualTo("c-1");
        assertThat(redriveMetric("redriven") - redrivenBefore).isEqualTo(fixed.size() + 1);
        assertThat(publishedTo(completedTopic) + publishedTo(timeoutTopic) + publishedTo(failedTopic) - publishedBefore)
                .as("each copy counted as published, on the topic it went back to").isEqualTo(fixed.size() + 1);

        // two more runs raise its count to 3 (DLQ_REDRIVE_MAX); the fourth leaves it where it is
        redriveOverJmx();
        assertThat(header(awaitRecords(deadLetterTopic, 3, keyed(stillFailing)).get(2), "dlq.redrive.count")).isEqualTo("2");
        redriveOverJmx();
        assertThat(header(awaitRecords(deadLetterTopic, 4, keyed(stillFailing)).get(3), "dlq.redrive.count")).isEqualTo("3");
        redriveOverJmx();
        assertThat(redriveMetric("skipped_cap") - cappedBefore).isEqualTo(1);
        Thread.sleep(1000);
        assertThat(published.on(deadLetterTopic, keyed(stillFailing))).as("left in place after the cap").hasSize(4);
        assertThat(copies(failedTopic, stillFailing)).as("re-driven DLQ_REDRIVE_MAX times").hasSize(3);
        assertThat(redriveMetric("redriven") - redrivenBefore).isEqualTo(fixed.size() + 3);

        // and the fixed ones were re-driven once, stored once, answered once, whatever the later runs did
        for (String id : fixed) {
            assertThat(published.on(storedTopic, keyed(id))).as("result_stored of " + id).hasSize(1);
        }
        assertThat(results().countDocuments() - resultsBefore).isEqualTo(fixed.size());
        assertThat(committedRedriveOffsets()).as("every dead letter's offset committed")
                .isEqualTo(published.on(deadLetterTopic).size());
    }

    @Test
    void aCopyThatCannotBeSentLeavesItsDeadLetterInPlaceCountedAndTheRunGoesOn() throws Exception {
        // Kafka refusing the copy itself, woven in before the real send (the broker here accepts any size)
        AdviceWith.adviceWith(context(), "dlq-redrive", route -> route.weaveByType(ToDynamicDefinition.class)
                .before().process(exchange -> {
                    byte[] key = exchange.getMessage().getHeader(KafkaConstants.KEY, byte[].class);
                    if (unsendable.contains(new String(key, StandardCharsets.UTF_8))) {
                        throw new RecordTooLargeException("the copy is larger than the topic accepts");
                    }
                }));
        if (!"Stopped".equals(redriveState())) {
            awaitRedriveStopped();
        }
        double failedBefore = redriveMetric("failed");
        double redrivenBefore = redriveMetric("redriven");
        String refusedCopy = newExecutionId();
        String sent = newExecutionId();
        unsendable.add(refusedCopy);
        givenExecution(sent);
        publishDeadLetter(completedTopic, refusedCopy, TestEvents.bytes(TestEvents.completed(refusedCopy, 0, "", "")),
                POISON, Instant.now(), null);
        publishDeadLetter(completedTopic, sent, TestEvents.bytes(TestEvents.completed(sent, 0, "", "")),
                POISON, Instant.now(), null);

        redriveOverJmx();

        awaitRecords(storedTopic, 1, keyed(sent));
        assertThat(redriveMetric("failed") - failedBefore).isEqualTo(1);
        assertThat(redriveMetric("redriven") - redrivenBefore).isEqualTo(1);
        assertThat(copies(completedTopic, refusedCopy)).isEmpty();
        assertThat(published.on(deadLetterTopic, keyed(refusedCopy))).as("never dead-lettered again").hasSize(1);
        assertThat(committedRedriveOffsets()).isEqualTo(published.on(deadLetterTopic).size());
    }
}
