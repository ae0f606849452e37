package org.integr8scode.resultprocessor.config;

import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * An event notifier that acts on the context's events only (started, stopping, ...). It says so to Camel, which
 * then makes no event for each exchange: while any notifier takes exchange events, every record's exchange would
 * cost its created, sending, sent and completed events, to be offered to each notifier and refused.
 */
public abstract class ContextEventNotifier extends SimpleEventNotifierSupport {

    protected ContextEventNotifier() {
        setIgnoreExchangeEvents(true);
        setIgnoreStepEvents(true);
    }
}
