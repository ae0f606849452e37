package org.integr8scode.resultprocessor.event;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An event's {@code timestamp}, ISO-8601 UTC, parsed once, where its result is mapped: one that is not makes the
 * record poison. (Parsing an instant builds a formatter each time: once a record, not twice.)
 */
public final class EventTimestamp {

    private EventTimestamp() {
    }

    /** The event's timestamp, or null when it has none. */
    public static Instant of(ExecutionEvent event) {
        String timestamp = event.timestamp();
        if (timestamp == null) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new PoisonRecordException("timestamp is not ISO-8601 UTC: '"
                    + (timestamp.length() <= 80 ? timestamp : timestamp.substring(0, 80) + "...") + "'");
        }
    }
}
