package org.integr8scode.resultprocessor.support.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.sift.AbstractDiscriminator;

/**
 * Sends every event to the file of the test class running now, whichever thread logs it: the application's threads
 * (Kafka consumers, the clean-up pool) carry no MDC of the test, and test classes run one after another.
 */
public final class CurrentTestLog extends AbstractDiscriminator<ILoggingEvent> {

    @Override
    public String getDiscriminatingValue(ILoggingEvent event) {
        return TestLogs.current();
    }

    @Override
    public String getKey() {
        return "testLog";
    }
}
