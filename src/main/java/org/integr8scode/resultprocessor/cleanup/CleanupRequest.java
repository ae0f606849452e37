package org.integr8scode.resultprocessor.cleanup;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Processor;
import org.integr8scode.resultprocessor.store.StoreOutcome;

/**
 * The clean-ups a batch asks for, and the wire tap's copy of each: only the execution_id waits on the clean-up
 * queue, never the batch with its outputs (up to the output budget each), so a full queue stays small.
 */
public class CleanupRequest implements Processor {

    public static final String EXECUTION_ID = "executionId";

    /** The executions of a batch whose result is stored (a result MongoDB refused keeps its pod for now). */
    public List<String> executionIds(@ExchangeProperty("outcomes") List<StoreOutcome> outcomes) {
        List<String> ids = new ArrayList<>(outcomes.size());
        for (StoreOutcome outcome : outcomes) {
            if (!outcome.rejected()) {
                ids.add(outcome.executionId());
            }
        }
        return ids;
    }

    @Override
    public void process(Exchange copy) {
        Object executionId = copy.getProperty(EXECUTION_ID);
        copy.getMessage().setBody(null);
        copy.getMessage().getHeaders().clear();
        copy.getProperties().clear();
        copy.setProperty(EXECUTION_ID, executionId);
    }
}
