package org.integr8scode.resultprocessor.cleanup;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Prepares the wire tap's copy of an exchange: only the execution_id waits on the clean-up queue, never the result
 * with its output (up to the output budget each), so a full queue stays small.
 */
public class CleanupRequest implements Processor {

    public static final String EXECUTION_ID = "executionId";

    @Override
    public void process(Exchange copy) {
        copy.getMessage().setBody(null);
        copy.getMessage().removeHeaders("*");
        copy.removeProperties("*", EXECUTION_ID);
    }
}
