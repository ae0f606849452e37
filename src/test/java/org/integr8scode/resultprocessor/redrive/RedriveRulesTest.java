package org.integr8scode.resultprocessor.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

/** Which dead letters go back: the operator's filter first, then the cap on re-drives, then the age limit. */
class RedriveRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String POISON = "org.integr8scode.resultprocessor.event.PoisonRecordException";
    private final RedriveRules any = new RedriveRules(3, Duration.parse("P7D"), Set.of("execution_completed"), Set.of());

    @Test
    void aDeadLetterWithinEveryLimitGoesBack() {
        assertThat(any.judge(letter("execution_completed", POISON, 2, NOW.minus(Duration.ofDays(6))), NOW))
                .isEqualTo(RedriveOutcome.REDRIVEN);
    }

    @Test
    void theCapStopsARecordThatKeepsFailing() {
        assertThat(any.judge(letter("execution_completed", POISON, 3, NOW), NOW)).isEqualTo(RedriveOutcome.SKIPPED_CAP);
        assertThat(any.judge(letter("execution_completed", POISON, Integer.MAX_VALUE, NOW), NOW))
                .isEqualTo(RedriveOutcome.SKIPPED_CAP);
    }

    @Test
    void anOldDeadLetterStays() {
        assertThat(any.judge(letter("execution_completed", POISON, 0, NOW.minus(Duration.ofDays(8))), NOW))
                .isEqualTo(RedriveOutcome.SKIPPED_AGE);
    }

    @Test
    void onlyTheReasonsAndTopicsAskedForGoBack() {
        RedriveRules poisonOnly = new RedriveRules(3, Duration.parse("P7D"), Set.of("execution_completed"),
                Set.of("PoisonRecordException"));
        assertThat(poisonOnly.judge(letter("execution_completed", POISON, 0, NOW), NOW)).isEqualTo(RedriveOutcome.REDRIVEN);
        assertThat(poisonOnly.judge(letter("execution_completed", "java.lang.IllegalArgumentException", 0, NOW), NOW))
                .isEqualTo(RedriveOutcome.SKIPPED_FILTER);
        assertThat(poisonOnly.judge(letter("execution_failed", POISON, 0, NOW), NOW)).isEqualTo(RedriveOutcome.SKIPPED_FILTER);
        assertThat(poisonOnly.judge(letter(null, POISON, 0, NOW), NOW)).isEqualTo(RedriveOutcome.SKIPPED_FILTER);
    }

    @Test
    void aDeadLetterIsReadFromItsHeaderBytesAndAnUnreadableCountIsOverAnyCap() {
        Message message = new DefaultMessage(new DefaultCamelContext());
        message.setHeader("dlq.original.topic", "execution_completed".getBytes(StandardCharsets.UTF_8));
        message.setHeader("dlq.error.class", POISON.getBytes(StandardCharsets.UTF_8));
        message.setHeader("dlq.redrive.count", "two".getBytes(StandardCharsets.UTF_8));
        message.setHeader("dlq.failed.at", "not a time".getBytes(StandardCharsets.UTF_8));
        message.setHeader(KafkaConstants.TIMESTAMP, NOW.toEpochMilli());

        DeadLetter letter = DeadLetter.of(message);

        assertThat(letter).isEqualTo(new DeadLetter("execution_completed", POISON, Integer.MAX_VALUE, NOW));
        message.removeHeader("dlq.redrive.count");
        message.removeHeader("dlq.error.class");
        assertThat(DeadLetter.of(message).redriveCount()).as("never re-driven").isZero();
        assertThat(DeadLetter.of(message).errorClass()).isEqualTo(DeadLetter.UNKNOWN_ERROR);
    }

    private static DeadLetter letter(String topic, String errorClass, int count, Instant failedAt) {
        return new DeadLetter(topic, errorClass, count, failedAt);
    }
}
