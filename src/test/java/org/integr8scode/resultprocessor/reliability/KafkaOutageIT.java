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
 * Guarantee 5: the broker is killed and restarted mid-stream: nothing lost, nothing doubled. Meanwhile the
 * Deployment's probes answer live 200 and ready 503; both 200 once the broker is back.
 */
class KafkaOutageIT extends ReliabilityTestSupport {

    private static final int EXECUTIONS = Integer.getInteger("reliability.executions", 600);

    @Test
    void brokerRestartMidStreamLosesAndDoublesNothing() throws Exception {
        List<String> ids = givenPublishedTerminalEvents(EXECUTIONS);

        ProcessorProcess processor = startProcessor("p");
        awaitStored(EXECUTIONS / 4, Duration.ofMinutes(2));
        kafka().kill();
        long atKill = storedCount();
        long killedAt = System.nanoTime();
        // the Deployment's probes (deploy/): alive, so not restarted (that would not bring the broker back), not ready
        await().atMost(Duration.ofSeconds(10)).until(processor::probes, "200/503"::equals);
        Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - killedAt) / 1_000_000));
        String probesBeforeRestart = processor.probes();
        kafka().start();
        long restartedAt = System.nanoTime();

        // generous: what this test proves is that nothing is lost or doubled, not how fast the group recovers
        Tally tally = assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(7));
        long allStoredAfter = (System.nanoTime() - restartedAt) / 1_000_000_000;
        assertThat(probesBeforeRestart).as("live/ready 10 s after the broker died").isEqualTo("200/503");
        await().atMost(Duration.ofSeconds(60)).until(processor::probes, "200/200"::equals);
        System.out.printf("KafkaOutageIT: %d executions, broker killed at %d stored and restarted 10 s later, probes "
                + "%s then, all stored %d s after the restart: %s%n", EXECUTIONS, atKill, probesBeforeRestart,
                allStoredAfter, tally);
    }
}
