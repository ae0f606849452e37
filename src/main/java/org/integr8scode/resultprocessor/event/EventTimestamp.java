package org.integr8scode.resultprocessor.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * An event's {@code timestamp}, ISO-8601 UTC, parsed once, where its result is mapped: one that is not makes the
 * record poison.
 */
public final class EventTimestamp {

    // the fields Instant.parse reads, in a formatter built once: Instant.parse builds its own on every call, which
    // cost more than the rest of a record's mapping. What this one refuses (a leap second, 24:00) Instant.parse still
    // reads, so the timestamps taken are exactly Instant.parse's
    private static final DateTimeFormatter UTC_OR_OFFSET = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffsetId()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private EventTimestamp() {
    }

    /** The event's timestamp, or null when it has none. */
    public static Instant of(ExecutionEvent event) {
        String timestamp = event.timestamp();
        if (timestamp == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(timestamp, UTC_OR_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            // not in the usual form: whatever else Instant.parse takes
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new PoisonRecordException("timestamp is not ISO-8601 UTC: '"
                    + (timestamp.length() <= 80 ? timestamp : timestamp.substring(0, 80) + "...") + "'");
        }
    }
}
