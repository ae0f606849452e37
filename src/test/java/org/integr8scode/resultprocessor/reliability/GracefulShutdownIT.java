package org.integr8scode.resultprocessor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.integr8scode.resultprocessor.support.ProcessorProcess;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport.Tally;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 7: SIGTERM finishes the record in flight and commits it, so a restart produces no duplicate
 * result event: exactly one result_stored per execution.
 */
class GracefulShutdownIT extends ReliabilityTestSupport {

    private static final int EXECUTIONS = Integer.getInteger("reliability.executions", 600);

    @Test
    void sigtermMidStreamThenRestartPublishesEachResultExactlyOnce() throws Exception {
        List<String> ids = givenPublishedTerminalEvents(EXECUTIONS);

        ProcessorProcess first = startProcessor("first");
        awaitStored(EXECUTIONS / 3, Duration.ofMinutes(2));
        long logBeforeStop = first.logSize();
        int exitCode = first.terminate();
        long storedAtStop = storedCount();
        String shutdownLog = first.logSince(logBeforeStop);
        int publishedAtStop = published.on(storedTopic).size();

        startProcessor("second");
        Tally tally = assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(4));
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);

        // graceful: within the shutdown timeout, nothing forced; the JVM ends as SIGTERM ends it
        assertThat(shutdownLog).contains("Apache Camel (Main) 4.18.0 is shutdown")
                .doesNotContain("Forcing").doesNotContain("Timeout occurred during graceful shutdown");
        assertThat(exitCode).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(storedAtStop).isLessThan(EXECUTIONS);
        assertThat(published.on(storedTopic)).as("one result_stored per execution, none repeated").hasSize(EXECUTIONS);
        System.out.printf("GracefulShutdownIT: %d executions, SIGTERM at %d stored (%d published), exit code %d; "
                + "after the restart: %s%n", EXECUTIONS, storedAtStop, publishedAtStop, exitCode, tally);
    }
}
