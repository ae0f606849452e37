package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/** The pipeline end to end: each terminal event type, stored and published as the contract says. */
class ResultPipelineTest extends ResultProcessorTestSupport {

    @Test
    void completedEventIsStoredAndAnnouncedWithResultStored() {
        ObjectNode event = TestEvents.example("execution_completed");
        String id = event.get("execution_id").asText();
        givenExecution(id);

        publish(completedTopic, event);

        JsonNode stored = json(awaitRecords(storedTopic, 1, keyed(id)).get(0));
        assertThat(stored.get("event_type").asText()).isEqualTo("result_stored");
        assertThat(stored.get("execution_id").asText()).isEqualTo(id);
        assertThat(stored.get("status").asText()).isEqualTo("completed");
        assertThat(stored.get("size_bytes").asLong()).isEqualTo(6);

        Document result = result(id);
        assertThat(result.getString("status")).isEqualTo("completed");
        assertThat(result.getInteger("exit_code")).isZero();
        assertThat(result.getString("stdout")).isEqualTo("hello\n");
        assertThat(execution(id).getString("status")).isEqualTo("completed");
    }
}
