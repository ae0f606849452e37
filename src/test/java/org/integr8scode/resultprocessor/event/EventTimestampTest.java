package org.integr8scode.resultprocessor.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An event's timestamp is read as Instant.parse reads it, no more and no less, though without its cost. */
class EventTimestampTest {

    private static ExecutionTimeoutEvent at(String timestamp) {
        return new ExecutionTimeoutEvent("e-1", ExecutionTimeoutEvent.TYPE, "1.0", timestamp, "x-1", null, "x-1", 30,
                null, "", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15T10:30:00Z", "2024-01-15T10:30:00.123456789Z", "2024-01-15t10:30:00z",
            "2024-01-15T10:30:00+02:00", "2024-01-15T10:30:00.5-05:30", "+12024-01-15T10:30:00Z",
            "2024-02-29T00:00:00Z", "2024-01-15T10:30:00+05:45", "2024-12-31T23:30:00-01:00",
            // the forms a formatter of the usual fields refuses, which Instant.parse reads all the same
            "2016-12-31T23:59:60Z", "2024-01-15T24:00:00Z"})
    void aTimestampIsTheInstantInstantParseReads(String timestamp) {
        assertThat(EventTimestamp.of(at(timestamp))).isEqualTo(Instant.parse(timestamp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30T10:30:00Z", "2023-02-29T10:30:00Z", "2024-13-01T10:30:00Z",
            "2024-01-15T10:60:00Z", "2024-01-15T25:00:00Z", "2024-01-15T10:30:00Zjunk", "2024-01-15T10:30Z", "2024-01-15 10:30:00Z", "2024-01-15T10:30:00",
            "yesterday", ""})
    void aTimestampInstantParseRefusesMakesTheRecordPoison(String timestamp) {
        assertThatThrownBy(() -> EventTimestamp.of(at(timestamp)))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessage("timestamp is not ISO-8601 UTC: '" + timestamp + "'");
    }

    @Test
    void noTimestampIsNone() {
        assertThat(EventTimestamp.of(at(null))).isNull();
    }
}
