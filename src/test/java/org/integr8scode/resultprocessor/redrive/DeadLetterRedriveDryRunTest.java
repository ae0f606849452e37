package org.integr8scode.resultprocessor.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/** DLQ_REDRIVE_DRY_RUN=true: a run only counts what it would move; it sends nothing and commits nothing. */
class DeadLetterRedriveDryRunTest extends RedriveTestSupport {

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("dlq-redrive.dry-run", "true");
        return properties;
    }

    @Test
    void aDryRunCountsWhatItWouldMoveAndMovesNothing() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = newExecutionId();
            ids.add(id);
            givenExecution(id);
            publishDeadLetter(completedTopic, id, TestEvents.bytes(TestEvents.completed(id, 0, "", "")), POISON,
                    Instant.now(), null);
        }
        String atTheCap = newExecutionId();
        publishDeadLetter(completedTopic, atTheCap, TestEvents.bytes(TestEvents.completed(atTheCap, 0, "", "")), POISON,
                Instant.now(), 3);

        redriveOverJmx();
        assertThat(redriveMetric("would_redrive")).isEqualTo(ids.size());
        assertThat(redriveMetric("skipped_cap")).isEqualTo(1);

        // a second dry run finds them all again: nothing was committed
        redriveOverJmx();
        assertThat(redriveMetric("would_redrive")).isEqualTo(2 * ids.size());
        Thread.sleep(1000);
        assertThat(redriveMetric("redriven")).isZero();
        assertThat(committedRedriveOffsets()).as("offsets committed by a dry run").isZero();
        for (String id : ids) {
            assertThat(copies(completedTopic, id)).as("copies of " + id).isEmpty();
            assertThat(result(id)).isNull();
        }
        assertThat(published.on(storedTopic)).isEmpty();
    }
}
