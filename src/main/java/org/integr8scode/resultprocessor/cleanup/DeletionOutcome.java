package org.integr8scode.resultprocessor.cleanup;

/** How one delete ended: the {@code outcome} tag of {@code cleanup_deletions_total}. */
public enum DeletionOutcome {

    DELETED("deleted"),
    /** Not there (any more): counts as deleted, never as a failure. */
    ALREADY_GONE("already_gone"),
    /** Left alone for safety: not labelled as ours, or the execution_id makes no valid name. */
    REFUSED("refused"),
    /** The API failed, after the retries. Counted by the routes' error handlers. */
    FAILED("failed");

    private final String tag;

    DeletionOutcome(String tag) {
        this.tag = tag;
    }

    public String getTag() {
        return tag;
    }
}
