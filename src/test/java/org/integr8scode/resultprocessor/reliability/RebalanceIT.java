package org.integr8scode.resultprocessor.reliability;

import java.time.Duration;
import java.util.List;

import org.integr8scode.resultprocessor.support.ProcessorProcess;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport.Tally;
import org.junit.jupiter.api.Test;

/** Guarantee 6: a second instance joins mid-stream and later leaves: nothing lost, nothing doubled. */
class RebalanceIT extends ReliabilityTestSupport {

    private static final int EXECUTIONS = Integer.getInteger("reliability.executions", 600) * 2;

    @Test
    void anInstanceJoiningAndLeavingMidStreamLosesAndDoublesNothing() throws Exception {
        List<String> ids = givenPublishedTerminalEvents(EXECUTIONS);

        startProcessor("steady");
        awaitStored(EXECUTIONS / 5, Duration.ofMinutes(2));
        ProcessorProcess joiner = startProcessor("joiner");
        long atJoin = storedCount();
        awaitStored(atJoin + EXECUTIONS / 4, Duration.ofMinutes(2));
        joiner.terminate();
        long atLeave = storedCount();

        Tally tally = assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(4));
        System.out.printf("RebalanceIT: %d executions, second instance joined at %d stored and left at %d: %s%n",
                EXECUTIONS, atJoin, atLeave, tally);
    }
}
