package org.integr8scode.resultprocessor.store;

import java.util.List;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.WriteModel;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.util.ObjectHelper;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.integr8scode.resultprocessor.batch.MappedBatch;

/**
 * Builds the messages of a batch's MongoDB round trips and reads their answers, for the {@code mongodb:} endpoints
 * of the {@code store-batch} route: one look-up of its executions, one unordered bulk write of insert-if-absent
 * results to {@code execution_results}, a read-back of the results that were already there (only when some were),
 * and one unordered bulk write of guarded status updates to {@code executions}. Every write is idempotent, so a
 * batch that failed half-way is simply stored again. The batch's state travels in the exchange property
 * {@value #STORING}.
 */
public class ResultBatchStore {

    public static final String STORING = "storing";

    private final ResultWrites writes;

    public ResultBatchStore(ResultWrites writes) {
        this.writes = writes;
    }

    public StoringBatch begin(@Body MappedBatch batch) {
        return new StoringBatch(batch);
    }

    public Bson executionsLookup(@ExchangeProperty(STORING) StoringBatch batch) {
        return writes.executionsLookup(batch.executionIds());
    }

    public void executionsFound(@ExchangeProperty(STORING) StoringBatch batch, @Body List<Document> executions) {
        batch.executionsFound(executions);
    }

    public List<WriteModel<Document>> resultInserts(@ExchangeProperty(STORING) StoringBatch batch) {
        return batch.resultInserts(writes);
    }

    public void resultsWritten(@ExchangeProperty(STORING) StoringBatch batch, @Body BulkWriteResult written) {
        batch.resultsWritten(written);
    }

    public void resultsRefused(@ExchangeProperty(STORING) StoringBatch batch, Exchange exchange) {
        batch.resultsRefused(bulkWriteError(failure(exchange)));
    }

    public boolean anyResultsAlreadyThere(@ExchangeProperty(STORING) StoringBatch batch) {
        return !batch.resultsAlreadyThere().isEmpty();
    }

    public Bson resultsLookup(@ExchangeProperty(STORING) StoringBatch batch) {
        return writes.resultsLookup(batch.resultsAlreadyThere());
    }

    public Bson readBackFields(@ExchangeProperty(STORING) StoringBatch batch) {
        return writes.readBackFields(batch.outputNeededOfResultsAlreadyThere());
    }

    public void resultsFound(@ExchangeProperty(STORING) StoringBatch batch, @Body List<Document> results) {
        batch.resultsFound(results);
    }

    public List<WriteModel<Document>> statusUpdates(@ExchangeProperty(STORING) StoringBatch batch) {
        return batch.statusUpdates(writes);
    }

    /** Whether any execution of the batch is still active, to be updated. */
    public boolean anyStatusUpdates(@Body List<WriteModel<Document>> updates) {
        return !updates.isEmpty();
    }

    public void statusUpdatesRefused(@ExchangeProperty(STORING) StoringBatch batch, Exchange exchange) {
        batch.statusUpdatesRefused(bulkWriteError(failure(exchange)));
    }

    public List<StoreOutcome> outcomes(@ExchangeProperty(STORING) StoringBatch batch) {
        return batch.outcomes();
    }

    /** The failure a doCatch caught. */
    private static Throwable failure(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    /** camel-mongodb wraps the driver's errors: the bulk write's own, wherever it is in the chain. */
    private static MongoBulkWriteException bulkWriteError(Throwable failure) {
        MongoBulkWriteException error = ObjectHelper.getException(MongoBulkWriteException.class, failure);
        if (error == null) {
            throw new IllegalStateException("Not a bulk write error", failure);
        }
        return error;
    }
}
