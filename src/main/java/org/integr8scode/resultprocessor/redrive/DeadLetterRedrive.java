package org.integr8scode.resultprocessor.redrive;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.KafkaException;
import org.integr8scode.resultprocessor.publish.DeadLetterHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of route {@code dlq-redrive} for one dead letter: judge it ({@link RedriveRules}, within the run's
 * bounds), raise its count on the copy, and, once the copy is acknowledged or the dead letter left in place, commit
 * its offset. The key, the value and the other headers (the {@code dlq.*} history, {@code correlation_id}) go back
 * unchanged.
 */
public class DeadLetterRedrive {

    /** Exchange properties the route reads: the outcome's tag, the reason (a metric label), the topic to go back to. */
    public static final String OUTCOME = "redriveOutcome";
    public static final String ERROR_CLASS = "redriveErrorClass";
    public static final String TOPIC = "redriveTopic";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRedrive.class);

    private final RedriveRules rules;
    private final RedriveRun run;
    private final boolean dryRun;
    private final Clock clock;

    public DeadLetterRedrive(RedriveRules rules, RedriveRun run, boolean dryRun, Clock clock) {
        this.rules = rules;
        this.run = run;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    /** Sets the dead letter's outcome, reason and original topic as exchange variables. */
    public void judge(Exchange exchange) {
        Message message = exchange.getMessage();
        DeadLetter letter = DeadLetter.of(message);
        RedriveOutcome outcome;
        if (!run.covers(partition(message), offset(message))) {
            outcome = RedriveOutcome.BEYOND_END;
        } else {
            outcome = rules.judge(letter, clock.instant());
            if (outcome == RedriveOutcome.REDRIVEN && dryRun) {
                outcome = RedriveOutcome.WOULD_REDRIVE;
            }
        }
        exchange.setVariable(OUTCOME, outcome.tag());
        exchange.setVariable(ERROR_CLASS, letter.errorClass());
        exchange.setVariable(TOPIC, letter.originalTopic());
        LOG.debug("Dead letter {}@{} from {} ({}, re-driven {} times): {}", partition(message), offset(message),
                letter.originalTopic(), letter.errorClass(), letter.redriveCount(), outcome.tag());
    }

    /** The copy counts one re-drive more; everything else of the dead letter goes back as it is. */
    public void raiseCount(Message message) {
        message.setHeader(DeadLetterHeaders.REDRIVE_COUNT,
                String.valueOf(DeadLetter.of(message).redriveCount() + 1));
    }

    /**
     * The dead letter done with (its copy acknowledged, or left in place): counted in the run and, outside a dry
     * run, its offset committed. A commit that fails (the group rebalanced) is no error: the dead letter is read
     * again, and a second copy is harmless, since storing a result is idempotent.
     */
    public void done(Exchange exchange) {
        Message message = exchange.getMessage();
        RedriveOutcome outcome = outcomeOf(exchange.getVariable(OUTCOME, String.class));
        run.done(partition(message), offset(message), outcome);
        if (dryRun || outcome == RedriveOutcome.BEYOND_END) {
            return;
        }
        KafkaManualCommit commit = message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        try {
            commit.commit();
        } catch (KafkaException e) {
            LOG.warn("Dead letter {}@{} done with but its offset not committed; it will be read again: {}",
                    partition(message), offset(message), e.getMessage());
        }
    }

    private static RedriveOutcome outcomeOf(String tag) {
        for (RedriveOutcome outcome : RedriveOutcome.values()) {
            if (outcome.tag().equals(tag)) {
                return outcome;
            }
        }
        return RedriveOutcome.FAILED;
    }

    private static int partition(Message message) {
        return message.getHeader(KafkaConstants.PARTITION, Integer.class);
    }

    private static long offset(Message message) {
        return message.getHeader(KafkaConstants.OFFSET, Long.class);
    }
}
