package org.integr8scode.resultprocessor.event;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

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
            .toFormatter();

    private EventTimestamp() {
    }

    /** The event's timestamp, or null when it has none. */
    public static Instant of(ExecutionEvent event) {
        String timestamp = event.timestamp();
        if (timestamp == null) {
            return null;
        }
        Instant usual = usualForm(timestamp);
        if (usual != null) {
            return usual;
        }
        try {
            // not in the usual form: whatever else Instant.parse takes
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new PoisonRecordException("timestamp is not ISO-8601 UTC: '"
                    + (timestamp.length() <= 80 ? timestamp : timestamp.substring(0, 80) + "...") + "'");
        }
    }

    /**
     * The timestamp read by the formatter's fields, unresolved, then checked by LocalDate and LocalTime (a 30th of
     * February, an hour 24 or a second 60 are refused): the formatter's resolving, which would do the same checks
     * through maps of fields, was most of the cost of a parse. Null when it is not in this form.
     */
    private static Instant usualForm(String timestamp) {
        ParsePosition position = new ParsePosition(0);
        TemporalAccessor fields = UTC_OR_OFFSET.parseUnresolved(timestamp, position);
        if (fields == null || position.getErrorIndex() >= 0 || position.getIndex() != timestamp.length()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(Math.toIntExact(fields.getLong(ChronoField.YEAR)),
                    (int) fields.getLong(ChronoField.MONTH_OF_YEAR), (int) fields.getLong(ChronoField.DAY_OF_MONTH));
            long nanos = fields.isSupported(ChronoField.NANO_OF_SECOND) ? fields.getLong(ChronoField.NANO_OF_SECOND) : 0;
            LocalTime time = LocalTime.of((int) fields.getLong(ChronoField.HOUR_OF_DAY),
                    (int) fields.getLong(ChronoField.MINUTE_OF_HOUR), (int) fields.getLong(ChronoField.SECOND_OF_MINUTE),
                    (int) nanos);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((int) fields.getLong(ChronoField.OFFSET_SECONDS));
            return LocalDateTime.of(date, time).toInstant(offset);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }
}
