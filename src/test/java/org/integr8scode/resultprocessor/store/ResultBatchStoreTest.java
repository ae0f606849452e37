package org.integr8scode.resultprocessor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.integr8scode.resultprocessor.batch.MappedBatch;
import org.integr8scode.resultprocessor.batch.MappedRecord;
import org.integr8scode.resultprocessor.event.EventReader;
import org.integr8scode.resultprocessor.result.OutputBudget;
import org.integr8scode.resultprocessor.result.ResultMapping;
import org.integr8scode.resultprocessor.support.MongoStandIn;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One batch's writes on the MongoDB stand-in: the first event of an execution wins within the batch as against
 * what was stored before, every record is answered with the result that holds, and a document MongoDB refuses
 * is answered on its own while the rest of the batch is stored.
 */
class ResultBatchStoreTest {

    private final EventReader reader = new EventReader(new ObjectMapper());
    private final ResultMapping mapping = new ResultMapping(new OutputBudget(1 << 20), Clock.systemUTC());
    private MongoStandIn standIn;
    private MongoClient client;
    private MongoDatabase database;
    private ResultBatchStore store;

    @BeforeEach
    void start() {
        standIn = new MongoStandIn();
        client = MongoClients.create(standIn.connectionString());
        database = client.getDatabase("batch");
        store = new ResultBatchStore(client, "batch", "execution_results", "executions", new ResultWrites(Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        client.close();
        standIn.close();
    }

    private void givenExecution(String id) {
        database.getCollection("executions").insertOne(new Document("execution_id", id).append("status", "running"));
    }

    private MappedRecord completed(String id, int exitCode) {
        return new MappedRecord(mapping.completed(reader.completed(reader.readTree(TestEvents.bytes(
                TestEvents.completed(id, exitCode, "out", ""))))), null);
    }

    private MappedRecord timeout(String id) {
        return new MappedRecord(mapping.timeout(reader.timeout(reader.readTree(TestEvents.bytes(
                TestEvents.timeout(id, 30))))), null);
    }

    private static MappedBatch batchOf(MappedRecord... records) {
        return MappedBatch.of(records);
    }

    @Test
    void theFirstEventOfAnExecutionWinsAndEveryRecordIsAnsweredWithTheResultThatHolds() {
        String earlier = TestEvents.newExecutionId();
        String twice = TestEvents.newExecutionId();
        String unknown = TestEvents.newExecutionId();
        givenExecution(earlier);
        givenExecution(twice);
        store.store(batchOf(timeout(earlier)));

        List<StoreOutcome> outcomes = store.store(batchOf(completed(earlier, 0), completed(twice, 3), timeout(twice),
                completed(unknown, 0)));

        assertThat(outcomes).extracting(StoreOutcome::executionId).containsExactly(earlier, twice, twice, unknown);
        assertThat(outcomes).extracting(o -> o.stored().status()).containsExactly("timeout", "completed", "completed",
                "completed");
        assertThat(outcomes).extracting(o -> o.stored().storedNow()).containsExactly(false, true, false, true);
        assertThat(outcomes).extracting(StoreOutcome::executionFound).containsExactly(true, true, true, false);
        assertThat(status(earlier)).isEqualTo("timeout");
        assertThat(status(twice)).isEqualTo("completed");
        assertThat(database.getCollection("execution_results").find(Filters.eq("_id", twice)).first()
                .getInteger("exit_code")).isEqualTo(3);
        assertThat(database.getCollection("executions").countDocuments(Filters.eq("execution_id", unknown))).isZero();
    }

    @Test
    void aDocumentMongoDbRefusesIsAnsweredOnItsOwnAndTheRestIsStored() {
        String good = TestEvents.newExecutionId();
        String refused = TestEvents.newExecutionId();
        givenExecution(good);
        givenExecution(refused);
        MappedRecord bad = completed(refused, 0);
        // a field name MongoDB refuses for good
        bad.pending().resultDocument().append("$where", "1");

        List<StoreOutcome> outcomes = store.store(batchOf(completed(good, 0), bad));

        assertThat(outcomes.get(0).rejected()).isFalse();
        assertThat(outcomes.get(1).rejected()).as(String.valueOf(outcomes.get(1))).isTrue();
        assertThat(status(good)).isEqualTo("completed");
        assertThat(status(refused)).as("a refused result leaves its execution as it was").isEqualTo("running");
    }

    private String status(String id) {
        return database.getCollection("executions").find(Filters.eq("execution_id", id)).first().getString("status");
    }
}
