package org.integr8scode.resultprocessor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.integr8scode.resultprocessor.support.ProcessorProcess;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport.Tally;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 2: the processor killed with SIGKILL twice mid-stream and restarted loses nothing and doubles
 * nothing. At-least-once (guarantee 1) is what makes it so: offsets are committed only after the result is
 * stored and its event acknowledged, and replays are idempotent.
 */
class CrashIT extends ReliabilityTestSupport {

    // the figure, run by the suite; -Dreliability.crash.executions=N for a quicker or a longer run
    private static final int EXECUTIONS = Integer.getInteger("reliability.crash.executions", 10_000);

    @Test
    void killedTwiceMidStreamEveryExecutionIsStoredOnceWithOneResultEventId() throws Exception {
        List<String> ids = givenPublishedTerminalEvents(EXECUTIONS);

        ProcessorProcess first = startProcessor("first");
        awaitStored(EXECUTIONS / 4, Duration.ofMinutes(3));
        boolean firstInTheWindow = killWhileStoredButUncommitted(first);
        long afterFirstKill = storedCount();

        ProcessorProcess second = startProcessor("second");
        awaitStored(afterFirstKill + EXECUTIONS / 4, Duration.ofMinutes(3));
        boolean secondInTheWindow = killWhileStoredButUncommitted(second);
        long afterSecondKill = storedCount();

        startProcessor("third");
        Tally tally = assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(8));

        System.out.printf("CrashIT: %d executions, 2 SIGKILLs (at %d and %d stored; %d of them with a batch stored but "
                        + "not committed): %s%n", EXECUTIONS, afterFirstKill, afterSecondKill,
                (firstInTheWindow ? 1 : 0) + (secondInTheWindow ? 1 : 0), tally);
        assertThat(afterFirstKill).isLessThan(EXECUTIONS);
        assertThat(afterSecondKill).isLessThan(EXECUTIONS);
        assertThat(firstInTheWindow || secondInTheWindow)
                .as("at least one SIGKILL landed between a batch's writes and its commit").isTrue();
    }

    /**
     * SIGKILL at the worst moment: results stored whose offsets are not committed yet (a batch between its writes
     * and its commit). Answers whether that moment was caught; if it is not within a minute, kills all the same.
     */
    private boolean killWhileStoredButUncommitted(ProcessorProcess processor) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            // one record an execution here: the committed records are the executions done with
            if (storedCount() > committedRecords()) {
                processor.kill();
                return true;
            }
            Thread.sleep(2);
        }
        processor.kill();
        return false;
    }
}
