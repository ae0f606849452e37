package org.integr8scode.resultprocessor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.integr8scode.resultprocessor.support.ProcessorProcess;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport.Tally;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * The 256 MiB heap holds full batches of large outputs: a backlog of results of 900 KB each (records just under
 * the broker's default 1 MiB), waiting when the processor starts, so that its batches are as large as they get.
 * With batches of up to 500 records the processor ran out of heap here and stored nothing.
 */
class LargeOutputsIT extends ReliabilityTestSupport {

    private static final int EXECUTIONS = 300;

    @Test
    void aBacklogOfLargeOutputsIsStoredWithinTheHeap() throws Exception {
        List<String> ids = newExecutionIds(EXECUTIONS);
        givenExecutions(ids);
        String output = "x".repeat(900_000);
        for (String id : ids) {
            producer.send(record(completedTopic, TestEvents.completed(id, 0, output, ""))).get();
        }
        long logStart = 0;
        ProcessorProcess processor = startProcessor("large");
        Tally tally = assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(2));
        assertThat(processor.isAlive()).isTrue();
        String log = processor.logSince(logStart);
        assertThat(log).doesNotContain("OutOfMemoryError");
        System.out.printf("LargeOutputsIT: %d executions with 900 KB outputs from a backlog, -Xmx256m, alive after: %s; "
                + "%s; %d OutOfMemoryError in its log%n", EXECUTIONS, processor.isAlive(), tally,
                log.split("OutOfMemoryError", -1).length - 1);
    }
}
