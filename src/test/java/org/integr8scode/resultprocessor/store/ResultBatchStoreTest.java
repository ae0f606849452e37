package org.integr8scode.resultprocessor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import org.integr8scode.resultprocessor.batch.MappedBatch;
import org.integr8scode.resultprocessor.batch.MappedRecord;
import org.integr8scode.resultprocessor.event.EventReader;
import org.integr8scode.resultprocessor.result.OutputBudget;
import org.integr8scode.resultprocessor.result.ResultMapping;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * One batch's writes through the real {@code store-batch} route and its {@code mongodb:} endpoints, on the MongoDB
 * stand-in: the first event of an execution wins within the batch as against what was stored before, every record
 * is answered with the result that holds, and a document MongoDB refuses is answered on its own while the rest of
 * the batch, before and after it, is stored.
 */
class ResultBatchStoreTest extends ResultProcessorTestSupport {

    private final EventReader reader = new EventReader(new ObjectMapper());
    private final ResultMapping mapping = new ResultMapping(new OutputBudget(1 << 20), Clock.systemUTC());

    private MappedRecord completed(String id, int exitCode) {
        return new MappedRecord(mapping.completed(reader.completed(TestEvents.completed(id, exitCode, "out", ""))),
                null);
    }

    private MappedRecord timeout(String id) {
        return new MappedRecord(mapping.timeout(reader.timeout(TestEvents.timeout(id, 30))), null);
    }

    @SuppressWarnings("unchecked")
    private List<StoreOutcome> store(MappedRecord... records) {
        return template.requestBody("direct:store-batch", MappedBatch.of(records), List.class);
    }

    @Test
    void theFirstEventOfAnExecutionWinsAndEveryRecordIsAnsweredWithTheResultThatHolds() {
        String earlier = TestEvents.newExecutionId();
        String twice = TestEvents.newExecutionId();
        String unknown = TestEvents.newExecutionId();
        givenExecution(earlier);
        givenExecution(twice);
        store(timeout(earlier));

        List<StoreOutcome> outcomes = store(completed(earlier, 0), completed(twice, 3), timeout(twice),
                completed(unknown, 0));

        assertThat(outcomes).extracting(StoreOutcome::executionId).containsExactly(earlier, twice, twice, unknown);
        assertThat(outcomes).extracting(o -> o.stored().status()).containsExactly("timeout", "completed", "completed",
                "completed");
        assertThat(outcomes).extracting(o -> o.stored().storedNow()).containsExactly(false, true, false, true);
        assertThat(outcomes).extracting(StoreOutcome::executionFound).containsExactly(true, true, true, false);
        assertThat(outcomes).extracting(StoreOutcome::langAndVersion)
                .containsExactly("python-3.12", "python-3.12", "python-3.12", null);
        assertThat(execution(earlier).getString("status")).isEqualTo("timeout");
        assertThat(execution(twice).getString("status")).isEqualTo("completed");
        assertThat(result(twice).getInteger("exit_code")).isEqualTo(3);
        assertThat(executions().countDocuments(Filters.eq("execution_id", unknown))).isZero();
    }

    @Test
    void aDocumentMongoDbRefusesIsAnsweredOnItsOwnAndTheDocumentsBeforeAndAfterItAreStored() {
        String before = TestEvents.newExecutionId();
        String refused = TestEvents.newExecutionId();
        String after = TestEvents.newExecutionId();
        givenExecution(before);
        givenExecution(refused);
        givenExecution(after);
        MappedRecord bad = completed(refused, 0);
        // a field name MongoDB refuses for good
        bad.pending().resultDocument().append("$where", "1");

        List<StoreOutcome> outcomes = store(completed(before, 0), bad, completed(after, 0));

        assertThat(outcomes).extracting(StoreOutcome::rejected).as(String.valueOf(outcomes))
                .containsExactly(false, true, false);
        assertThat(execution(before).getString("status")).isEqualTo("completed");
        assertThat(result(refused)).isNull();
        assertThat(execution(refused).getString("status")).as("a refused result leaves its execution as it was")
                .isEqualTo("queued");
        // the bulk write is unordered: the refusal does not stop the document after it
        assertThat(result(after)).isNotNull();
        assertThat(execution(after).getString("status")).isEqualTo("completed");
    }
}
