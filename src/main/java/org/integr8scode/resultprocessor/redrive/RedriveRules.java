package org.integr8scode.resultprocessor.redrive;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Which dead letters a re-drive sends back: those the operator's filter covers (the original topic, the reason),
 * re-driven fewer than {@code maxRedrives} times, dead-lettered at most {@code maxAge} ago. The cap is what stops a
 * record that still fails from looping: each re-drive raises its count, and a record that fails again returns to
 * the dead-letter topic with that count.
 *
 * @param topics       the topics a dead letter may go back to: the processor's input topics, or those of them the
 *                     operator named; a dead letter from any other topic is left in place
 * @param errorClasses the {@code dlq.error.class} values to re-drive (full or simple class name); empty for any
 */
public record RedriveRules(int maxRedrives, Duration maxAge, Set<String> topics, Set<String> errorClasses) {

    public RedriveOutcome judge(DeadLetter letter, Instant now) {
        if (letter.originalTopic() == null || !topics.contains(letter.originalTopic()) || !reasonCovered(letter)) {
            return RedriveOutcome.SKIPPED_FILTER;
        }
        if (letter.redriveCount() >= maxRedrives) {
            return RedriveOutcome.SKIPPED_CAP;
        }
        if (letter.failedAt().plus(maxAge).isBefore(now)) {
            return RedriveOutcome.SKIPPED_AGE;
        }
        return RedriveOutcome.REDRIVEN;
    }

    private boolean reasonCovered(DeadLetter letter) {
        if (errorClasses.isEmpty()) {
            return true;
        }
        String errorClass = letter.errorClass();
        return errorClasses.contains(errorClass)
                || errorClasses.contains(errorClass.substring(errorClass.lastIndexOf('.') + 1));
    }
}
