package org.integr8scode.resultprocessor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.integr8scode.resultprocessor.support.ProcessorProcess;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
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
        first.kill();
        long afterFirstKill = storedCount();

        ProcessorProcess second = startProcessor("second");
        awaitStored(afterFirstKill + EXECUTIONS / 4, Duration.ofMinutes(3));
        second.kill();
        long afterSecondKill = storedCount();

        startProcessor("third");
        assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(8));

        System.out.printf("CrashIT: %d executions, 2 SIGKILLs (at %d and %d stored), %d result_stored events "
                        + "(%d replays), %d distinct event ids, 0 duplicates found%n",
                EXECUTIONS, afterFirstKill, afterSecondKill, published.on(storedTopic).size(),
                published.on(storedTopic).size() - EXECUTIONS, EXECUTIONS);
        assertThat(afterFirstKill).isLessThan(EXECUTIONS);
        assertThat(afterSecondKill).isLessThan(EXECUTIONS);
    }
}
