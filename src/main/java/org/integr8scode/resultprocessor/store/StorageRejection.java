package org.integr8scode.resultprocessor.store;

import java.util.Set;

import com.mongodb.MongoServerException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.bson.BsonMaximumSizeExceededException;
import org.integr8scode.resultprocessor.event.ResultFailedEvent;
import org.integr8scode.resultprocessor.publish.ResultEvents;
import org.integr8scode.resultprocessor.result.PendingResult;

/**
 * A write that MongoDB refuses for good: retrying will not fix it, so the result is answered with result_failed.
 * Only refusals of the document itself count (a validator, a bad or oversized value), whether the driver reports
 * them as a write error ({@code updateOne}) or a command error ({@code findOneAndUpdate}). Everything else
 * MongoDB answers (a duplicate key between two writers, a write conflict, a step-down, a timeout) is transient.
 */
public class StorageRejection {

    public static final String REASON = "storage_rejected";

    /** BadValue, FailedToParse, TypeMismatch, DollarPrefixedFieldName, ImmutableField, DocumentValidationFailure, BSONObjectTooLarge. */
    private static final Set<Integer> PERMANENT_CODES = Set.of(2, 9, 14, 52, 66, 121, 10334);

    private final ResultEvents resultEvents;

    public StorageRejection(ResultEvents resultEvents) {
        this.resultEvents = resultEvents;
    }

    public static boolean isPermanent(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BsonMaximumSizeExceededException) {
                return true;
            }
            if (cause instanceof MongoServerException server) {
                return PERMANENT_CODES.contains(server.getCode());
            }
        }
        return false;
    }

    public ResultFailedEvent resultFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error,
                                          @ExchangeProperty("pendingResult") PendingResult pending) {
        return resultEvents.failed(pending, REASON, "MongoDB refused the result: " + error.getMessage());
    }
}
