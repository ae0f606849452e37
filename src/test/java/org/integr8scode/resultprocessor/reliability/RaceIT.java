package org.integr8scode.resultprocessor.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 3: two instances in one consumer group, and for every execution two different terminal events
 * (completed and timeout) on different topics at the same moment: executions, execution_results and every
 * result_stored agree on one status per execution.
 */
class RaceIT extends ReliabilityTestSupport {

    private static final int EXECUTIONS = Integer.getInteger("reliability.executions", 600);

    @Test
    void twoTerminalEventsAtOnceOnTwoInstancesEndInOneAgreedStatus() {
        startProcessor("a");
        startProcessor("b");
        List<String> ids = newExecutionIds(EXECUTIONS);
        givenExecutions(ids);

        List<ProducerRecord<byte[], byte[]>> events = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            events.add(record(completedTopic, TestEvents.completed(id, 0, "done", "")));
            events.add(record(timeoutTopic, TestEvents.timeout(id, 5)));
            if (i % 3 == 0) {
                events.add(record(failedTopic, TestEvents.failed(id, "system_error")));
            }
        }
        publishAll(events);

        // every event answers with a result_stored, losers included: wait for all, then check they agree
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(4))
                .until(() -> published.on(storedTopic).size() >= events.size());
        assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(1));
        System.out.printf("RaceIT: %d executions, %d terminal events on two instances, %d result_stored, "
                + "statuses all agree%n", EXECUTIONS, events.size(), published.on(storedTopic).size());
    }
}
