package org.integr8scode.resultprocessor.publish;

import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Lets only the contract's headers out to Kafka ({@code content-type}, {@code correlation_id}, the W3C trace
 * context {@code traceparent}, {@code tracestate} and {@code baggage}, and the {@code dlq.*} headers), so no internal
 * header leaks onto a topic; every header comes in.
 */
public class ContractHeaderFilter implements HeaderFilterStrategy {

    private static final Set<String> PUBLISHED = Set.of("content-type", "correlation_id", "traceparent", "tracestate",
            "baggage");
    private static final String DEAD_LETTER_PREFIX = "dlq.";

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !(PUBLISHED.contains(headerName) || headerName.startsWith(DEAD_LETTER_PREFIX));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return false;
    }
}
