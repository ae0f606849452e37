package org.integr8scode.resultprocessor.store;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.integr8scode.resultprocessor.event.ResultFailedEvent;
import org.integr8scode.resultprocessor.publish.ResultEvents;
import org.integr8scode.resultprocessor.result.PendingResult;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

/**
 * A write that MongoDB refuses for good (document validation, a bad value): retrying will not fix it, so the
 * result is answered with result_failed. A duplicate key is not one: it is two writers racing, and a retry
 * settles it.
 */
public class StorageRejection {

    public static final String REASON = "storage_rejected";

    private final ResultEvents resultEvents;

    public StorageRejection(ResultEvents resultEvents) {
        this.resultEvents = resultEvents;
    }

    public static boolean isPermanent(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error,
                                      @ExchangeProperty("pendingResult") PendingResult pending) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoWriteException write) {
                return pending != null && write.getError().getCategory() != ErrorCategory.DUPLICATE_KEY;
            }
        }
        return false;
    }

    public ResultFailedEvent resultFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error,
                                          @ExchangeProperty("pendingResult") PendingResult pending) {
        return resultEvents.failed(pending, REASON, "MongoDB refused the result: " + error.getMessage());
    }
}
