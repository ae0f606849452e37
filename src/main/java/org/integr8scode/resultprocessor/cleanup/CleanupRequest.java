package org.integr8scode.resultprocessor.cleanup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.integr8scode.resultprocessor.store.StoreOutcome;

/**
 * The wire tap's copy of a batch for its clean-up: only the execution_ids of its stored results (a result MongoDB
 * refused keeps its pod for now) wait on the clean-up queue, never the batch with its outputs (up to the output
 * budget each), its headers, properties or variables, so a full queue stays small.
 */
public class CleanupRequest implements Processor {

    /** The exchange variable of the batch's outcomes, which the copy is made from. */
    public static final String OUTCOMES = "outcomes";
    /** The exchange variable naming the {@link ResourceKind} at hand; the metrics' {@code kind} tag. */
    public static final String KIND = "cleanupKind";

    @Override
    public void process(Exchange copy) {
        @SuppressWarnings("unchecked")
        List<StoreOutcome> outcomes = copy.getVariable(OUTCOMES, List.class);
        List<String> ids = new ArrayList<>(outcomes.size());
        for (StoreOutcome outcome : outcomes) {
            if (!outcome.rejected()) {
                ids.add(outcome.executionId());
            }
        }
        copy.getMessage().setHeaders(new HashMap<>());
        copy.getMessage().setBody(ids);
        copy.getProperties().clear();
        copy.removeVariable("*");
    }
}
