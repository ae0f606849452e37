package org.integr8scode.resultprocessor.dropin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * What the original's API reads of a finished execution (contract §2): its output in {@code executions}, as
 * {@code GET /executions/{id}/result} and the SSE stream's result_stored message read it, and its result events in
 * {@code events}, as {@code GET /executions/{id}/events} lists them.
 */
class ApiReadModelTest extends ResultProcessorTestSupport {

    private static final int OUTPUT_BUDGET = 64;

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("output.budget-bytes", String.valueOf(OUTPUT_BUDGET));
        return properties;
    }

    private MongoCollection<Document> events() {
        return database.getCollection("events");
    }

    private List<Document> eventsOf(String executionId) {
        return events().find(Filters.eq("execution_id", executionId)).into(new java.util.ArrayList<>());
    }

    @Test
    void aFinishedExecutionsOutputIsInExecutionsExactlyAsStoredInExecutionResults() {
        String id = TestEvents.newExecutionId();
        givenExecution(id);

        publish(completedTopic, TestEvents.completed(id, 0, "hello\n", "a warning\n"));

        awaitRecords(storedTopic, 1, keyed(id));
        Document execution = execution(id);
        assertThat(execution.getString("status")).isEqualTo("completed");
        assertThat(execution.getString("stdout")).isEqualTo("hello\n").isEqualTo(result(id).getString("stdout"));
        assertThat(execution.getString("stderr")).isEqualTo("a warning\n").isEqualTo(result(id).getString("stderr"));
    }

    @Test
    void outputOverTheBudgetIsCutTheSameInExecutions() {
        String id = TestEvents.newExecutionId();
        givenExecution(id);
        String stdout = "x".repeat(200) + "the end\n";

        publish(completedTopic, TestEvents.completed(id, 0, stdout, "e".repeat(100)));

        awaitRecords(storedTopic, 1, keyed(id));
        Document result = result(id);
        Document execution = execution(id);
        assertThat(result.getBoolean("output_truncated")).isTrue();
        assertThat(result.getString("stdout")).endsWith("the end\n").hasSizeLessThan(stdout.length());
        assertThat(execution.getString("stdout")).isEqualTo(result.getString("stdout"));
        assertThat(execution.getString("stderr")).isEqualTo(result.getString("stderr"));
    }

    @Test
    void aLosingTerminalEventChangesNeitherTheStatusNorTheOutput() {
        String id = TestEvents.newExecutionId();
        givenExecution(id);
        publish(completedTopic, TestEvents.completed(id, 0, "first\n", ""));
        awaitRecords(storedTopic, 1, keyed(id));
        Date updatedAt = execution(id).getDate("updated_at");

        publish(timeoutTopic, TestEvents.timeout(id, 30));

        awaitRecords(storedTopic, 2, keyed(id));
        Document execution = execution(id);
        assertThat(execution.getString("status")).isEqualTo("completed");
        assertThat(execution.getString("stdout")).isEqualTo("first\n");
        assertThat(execution.getDate("updated_at")).isEqualTo(updatedAt);
    }

    @Test
    void anExecutionStillActiveWhoseResultWasStoredBeforeGetsTheStoredOutput() {
        // a crash between the result's insert and the status update: the replayed event finds the result there
        String id = TestEvents.newExecutionId();
        givenExecution(id);
        results().insertOne(new Document("_id", id).append("execution_id", id).append("status", "failed")
                .append("exit_code", 137).append("error_type", "resource_limit").append("stdout", "stored out\n")
                .append("stderr", "stored err\n").append("size_bytes", 21L).append("output_truncated", false));

        publish(completedTopic, TestEvents.completed(id, 0, "replayed\n", ""));

        awaitRecords(storedTopic, 1, keyed(id));
        Document execution = execution(id);
        assertThat(execution.getString("status")).isEqualTo("failed");
        assertThat(execution.getString("stdout")).isEqualTo("stored out\n");
        assertThat(execution.getString("stderr")).isEqualTo("stored err\n");
    }

    @Test
    void eachResultStoredIsInTheEventStoreAsTheContractsExampleShowsIt() {
        ObjectNode input = TestEvents.example("execution_completed");
        String id = input.get("execution_id").asText();
        givenExecution(id);

        publish(completedTopic, input);

        JsonNode published = json(awaitRecords(storedTopic, 1, keyed(id)).get(0));
        List<Document> stored = eventsOf(id);
        assertThat(stored).hasSize(1);
        Document document = stored.get(0);
        ObjectNode example = TestEvents.example("events_result_stored");
        assertThat(document.keySet()).containsExactlyInAnyOrderElementsOf(fieldNames(example));
        assertThat(document.getString("event_id")).isEqualTo(published.get("event_id").asText());
        for (String field : List.of("event_type", "event_version", "aggregate_id", "execution_id", "status",
                "storage_type", "storage_path")) {
            assertThat(document.getString(field)).as(field).isEqualTo(example.get(field).asText());
        }
        assertThat(((Number) document.get("size_bytes")).longValue()).isEqualTo(6L);
        Document metadata = document.get("metadata", Document.class);
        assertThat(metadata.keySet()).containsExactlyInAnyOrderElementsOf(fieldNames(example.get("metadata")));
        assertThat(metadata.getString("service_name")).isEqualTo("result-processor");
        assertThat(metadata.getString("service_version")).isEqualTo("1.0.0");
        assertThat(metadata.getString("user_id")).isEqualTo("7d4f2b10-1c3e-4f5a-9b8d-0e6c2a4f1b3d");
        assertThat(metadata.getString("environment")).isEqualTo("production");
        Date timestamp = document.getDate("timestamp");
        Date storedAt = document.getDate("stored_at");
        assertThat(timestamp).isEqualTo(Date.from(java.time.Instant.parse(published.get("timestamp").asText())
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        assertThat(storedAt).isAfterOrEqualTo(timestamp);
        assertThat(document.getDate("ttl_expires_at")).isEqualTo(Date.from(storedAt.toInstant().plus(Duration.ofDays(30))));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aResultFailedIsInTheEventStoreToo() {
        String id = TestEvents.newExecutionId();

        publish(completedTopic, TestEvents.completed(id, 0, "orphan\n", ""));

        JsonNode published = json(awaitRecords(resultFailedTopic, 1, keyed(id)).get(0));
        List<Document> stored = eventsOf(id);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getString("event_id")).isEqualTo(published.get("event_id").asText());
        assertThat(stored.get(0).getString("event_type")).isEqualTo("result_failed");
        assertThat(stored.get(0).getString("reason")).isEqualTo("execution_not_found");
        assertThat(stored.get(0).getString("error")).isEqualTo(published.get("error").asText());
        assertThat(stored.get(0).containsKey("storage_type")).isTrue();
        assertThat(stored.get(0).get("storage_type")).isNull();
    }

    @Test
    void aRepeatedEventLeavesItsStoredEventAsItWas() {
        String id = TestEvents.newExecutionId();
        givenExecution(id);
        ObjectNode event = TestEvents.completed(id, 0, "once\n", "");
        publish(completedTopic, event);
        awaitRecords(storedTopic, 1, keyed(id));
        Document first = eventsOf(id).get(0);

        publish(completedTopic, event);
        publish(failedTopic, TestEvents.failed(id, "system_error"));

        awaitRecords(storedTopic, 3, keyed(id));
        assertThat(eventsOf(id)).containsExactly(first);
    }

    @Test
    void theEventStoreHasAUniqueIndexOnEventId() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events().listIndexes()
                .into(new java.util.ArrayList<>()))
                .anyMatch(index -> index.get("key", Document.class).keySet().equals(Set.of("event_id"))
                        && Boolean.TRUE.equals(index.getBoolean("unique"))));
    }

    @Test
    void theEventIndexTheApiMadeFirstIsKeptAndNothingFails() throws Exception {
        MongoCollection<Document> apiFirst = database.getCollection("events_made_by_the_api");
        apiFirst.createIndex(new Document("event_id", 1),
                new com.mongodb.client.model.IndexOptions().unique(true).name("idx_event_id"));
        org.apache.camel.builder.NotifyBuilder done = new org.apache.camel.builder.NotifyBuilder(context())
                .fromRoute("ensure-event-id-index").whenCompleted(1).create();

        context().getRouteController().stopRoute("ensure-event-id-index");
        context().getPropertiesComponent().addOverrideProperty("mongodb.collection.events", "events_made_by_the_api");
        context().getRouteController().startRoute("ensure-event-id-index");

        assertThat(done.matches(10, java.util.concurrent.TimeUnit.SECONDS)).as("the index route ended well").isTrue();
        assertThat(apiFirst.listIndexes().into(new java.util.ArrayList<>()))
                .anyMatch(index -> "idx_event_id".equals(index.getString("name")));
    }
}
