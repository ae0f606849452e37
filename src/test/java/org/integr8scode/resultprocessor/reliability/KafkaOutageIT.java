package org.integr8scode.resultprocessor.reliability;

import java.time.Duration;
import java.util.List;

import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.junit.jupiter.api.Test;

/** Guarantee 5: the broker is killed and restarted mid-stream: nothing lost, nothing doubled. */
class KafkaOutageIT extends ReliabilityTestSupport {

    private static final int EXECUTIONS = Integer.getInteger("reliability.executions", 600);

    @Test
    void brokerRestartMidStreamLosesAndDoublesNothing() throws Exception {
        List<String> ids = givenPublishedTerminalEvents(EXECUTIONS);

        startProcessor("p");
        awaitStored(EXECUTIONS / 4, Duration.ofMinutes(2));
        kafka().kill();
        long atKill = storedCount();
        Thread.sleep(10_000);
        kafka().start();
        long restartedAt = System.nanoTime();

        // generous: what this test proves is that nothing is lost or doubled, not how fast the group recovers
        assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(7));
        System.out.printf("KafkaOutageIT: %d executions, broker killed at %d stored and restarted 10 s later, all "
                + "stored %d s after the restart, %d result_stored (%d repeats of the same event ids), 0 lost, "
                + "0 doubled%n", EXECUTIONS, atKill, (System.nanoTime() - restartedAt) / 1_000_000_000,
                published.on(storedTopic).size(), published.on(storedTopic).size() - EXECUTIONS);
    }
}
