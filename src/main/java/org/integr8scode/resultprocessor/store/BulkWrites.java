package org.integr8scode.resultprocessor.store;

import java.util.List;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.util.ObjectHelper;

/** The steps of the {@code unordered-bulk-write} route template: whether there is anything to write, and its answer. */
public class BulkWrites {

    /** Whether the batch has any write for this collection: none, no round trip. */
    public boolean anyWrites(@Body List<?> writes) {
        return !writes.isEmpty();
    }

    public BulkWriteAnswer written(@Body BulkWriteResult written) {
        return BulkWriteAnswer.of(written);
    }

    /** The answer of a bulk write MongoDB refused some of (camel-mongodb wraps the driver's exception). */
    public BulkWriteAnswer refused(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        MongoBulkWriteException refusal = ObjectHelper.getException(MongoBulkWriteException.class, failure);
        if (refusal == null) {
            throw new IllegalStateException("Not a bulk write error", failure);
        }
        return BulkWriteAnswer.of(refusal);
    }

    public BulkWriteAnswer none() {
        return BulkWriteAnswer.NONE;
    }
}
