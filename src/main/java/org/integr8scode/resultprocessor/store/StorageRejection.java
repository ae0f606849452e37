package org.integr8scode.resultprocessor.store;

import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import org.bson.BsonMaximumSizeExceededException;

/**
 * A write that MongoDB refuses for good: retrying will not fix it, so the result is answered with result_failed.
 * Only refusals of the document itself count (a validator, a bad or oversized value), reported as a write error
 * of one document of a bulk write, or as a command error. Everything else MongoDB answers (a duplicate key
 * between two writers, a write conflict, a step-down, a timeout) is transient.
 */
public final class StorageRejection {

    private StorageRejection() {
    }


    public static final String REASON = "storage_rejected";

    /** BadValue, FailedToParse, TypeMismatch, DollarPrefixedFieldName, ImmutableField, DocumentValidationFailure, BSONObjectTooLarge. */
    private static final Set<Integer> PERMANENT_CODES = Set.of(2, 9, 14, 52, 66, 121, 10334);

    public static boolean isPermanent(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BsonMaximumSizeExceededException) {
                return true;
            }
            if (cause instanceof MongoBulkWriteException bulk) {
                return bulk.getWriteConcernError() == null && !bulk.getWriteErrors().isEmpty()
                        && bulk.getWriteErrors().stream().allMatch(writeError -> isPermanentCode(writeError.getCode()));
            }
            if (cause instanceof MongoServerException server) {
                return PERMANENT_CODES.contains(server.getCode());
            }
        }
        return false;
    }

    /** A write error of one document that retrying will not fix. */
    public static boolean isPermanentCode(int code) {
        return PERMANENT_CODES.contains(code);
    }
}
