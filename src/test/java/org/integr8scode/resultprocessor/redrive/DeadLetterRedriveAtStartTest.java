package org.integr8scode.resultprocessor.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DLQ_REDRIVE=true: the re-drive runs as the processor starts, with an operator's filter (one reason, two of the
 * three topics) and an age limit, then stops by itself at the end of the dead-letter topic, while the processor
 * goes on and stays healthy. Dead letters outside the filter, too old or at the cap are left where they are.
 */
class DeadLetterRedriveAtStartTest extends RedriveTestSupport {

    private final String completed = newExecutionId();
    private final String timedOut = newExecutionId();
    private final String otherReason = newExecutionId();
    private final String otherTopic = newExecutionId();
    private final String tooOld = newExecutionId();
    private final String atTheCap = newExecutionId();
    private final String foreignTopic = newExecutionId();

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("dlq-redrive.enabled", "true");
        properties.setProperty("dlq-redrive.error-classes", "PoisonRecordException");
        properties.setProperty("dlq-redrive.topics", topicName("execution_completed") + "," + topicName("execution_timeout"));
        properties.setProperty("dlq-redrive.max-age", "PT1H");
        return properties;
    }

    private String topicName(String name) {
        return getClass().getSimpleName().toLowerCase() + "." + name;
    }

    /** Before the processor starts (the context starts after the class's @BeforeAll methods). */
    @BeforeAll
    void deadLettersWaiting() {
        Instant now = Instant.now();
        for (String id : new String[] {completed, timedOut, otherReason, tooOld, atTheCap}) {
            givenExecution(id);
        }
        publishDeadLetter(completedTopic, completed, event(completedTopic, completed), POISON, now, null);
        publishDeadLetter(timeoutTopic, timedOut, event(timeoutTopic, timedOut), POISON, now, 1);
        publishDeadLetter(completedTopic, otherReason, event(completedTopic, otherReason),
                "java.lang.IllegalArgumentException", now, null);
        publishDeadLetter(failedTopic, otherTopic, event(failedTopic, otherTopic), POISON, now, null);
        publishDeadLetter(completedTopic, tooOld, event(completedTopic, tooOld), POISON, now.minus(Duration.ofHours(2)), null);
        publishDeadLetter(completedTopic, atTheCap, event(completedTopic, atTheCap), POISON, now, 3);
        publishDeadLetter("someone_elses_topic", foreignTopic, event(completedTopic, foreignTopic), POISON, now, null);
    }

    private byte[] event(String topic, String id) {
        return TestEvents.bytes(topic.equals(completedTopic) ? TestEvents.completed(id, 0, "", "")
                : topic.equals(timeoutTopic) ? TestEvents.timeout(id, 10) : TestEvents.failed(id, "system_error"));
    }

    @Test
    void theRedriveRunsAtStartWithinItsFilterAndStopsByItselfWhileTheProcessorGoesOn() throws Exception {
        awaitRedriveStopped();
        awaitRecords(storedTopic, 1, keyed(completed));
        awaitRecords(storedTopic, 1, keyed(timedOut));
        assertThat(header(copies(completedTopic, completed).get(0), "dlq.redrive.count")).isEqualTo("1");
        assertThat(header(copies(timeoutTopic, timedOut).get(0), "dlq.redrive.count")).isEqualTo("2");
        assertThat(result(timedOut).getString("status")).isEqualTo("timeout");

        assertThat(redriveMetric("redriven")).isEqualTo(2);
        assertThat(redriveMetric("skipped_filter")).as("another reason, another topic, a foreign topic").isEqualTo(3);
        assertThat(redriveMetric("skipped_age")).isEqualTo(1);
        assertThat(redriveMetric("skipped_cap")).isEqualTo(1);
        assertThat(metric("dlq_redrive_records_total", "outcome=\"skipped_filter\"",
                "error_class=\"java.lang.IllegalArgumentException\"")).isEqualTo(1);
        for (String left : new String[] {otherReason, tooOld, atTheCap}) {
            assertThat(copies(completedTopic, left)).as("left in place: " + left).isEmpty();
            assertThat(result(left)).isNull();
        }
        assertThat(copies(failedTopic, otherTopic)).isEmpty();
        assertThat(committedRedriveOffsets()).as("the run went through all seven").isEqualTo(7);

        // the processor goes on, and a run that ended is not a fault of its health
        String after = newExecutionId();
        givenExecution(after);
        publish(completedTopic, TestEvents.completed(after, 0, "", ""));
        awaitRecords(storedTopic, 1, keyed(after));
        var health = observe("/observe/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"UP\"").doesNotContain("dlq-redrive");
    }
}
