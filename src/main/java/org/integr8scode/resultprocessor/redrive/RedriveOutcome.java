package org.integr8scode.resultprocessor.redrive;

/** What a re-drive does with one dead letter; {@link #tag()} is the metric's {@code outcome} label. */
public enum RedriveOutcome {
    /** Sent back to the topic it came from, acknowledged, its offset committed. */
    REDRIVEN("redriven"),
    /** Dry run: would have been re-driven; nothing sent, nothing committed. */
    WOULD_REDRIVE("would_redrive"),
    /** Left in place: already re-driven {@code DLQ_REDRIVE_MAX} times. */
    SKIPPED_CAP("skipped_cap"),
    /** Left in place: dead-lettered longer ago than {@code DLQ_REDRIVE_MAX_AGE}. */
    SKIPPED_AGE("skipped_age"),
    /** Left in place: its reason or its original topic is not one the operator asked for. */
    SKIPPED_FILTER("skipped_filter"),
    /** Left in place: sending it failed for a reason retrying does not fix (see routes/error-policy.camel.yaml, redrive-errors). */
    FAILED("failed"),
    /** Dead-lettered after the run began: not this run's, neither counted nor committed. */
    BEYOND_END("beyond_end");

    private final String tag;

    RedriveOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
