package org.integr8scode.resultprocessor.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import io.fabric8.kubernetes.api.model.Quantity;
import org.apache.camel.CamelContext;
import org.integr8scode.resultprocessor.event.ExecutionCompletedEvent;
import org.integr8scode.resultprocessor.event.ExecutionFailedEvent;
import org.integr8scode.resultprocessor.event.ExecutionTimeoutEvent;

/**
 * The settings the metrics' labels and ratios come from: the topics, the consumer group, and the executor pod's
 * memory limit (a Kubernetes quantity such as {@code 128Mi} or {@code 1G}).
 */
record MetricSettings(String completedTopic, String failedTopic, String timeoutTopic, String resultStoredTopic,
                      String resultFailedTopic, String deadLetterTopic, String consumerGroup,
                      double podMemoryLimitMib) {

    private static final BigDecimal BYTES_PER_MIB = BigDecimal.valueOf(1024L * 1024L);

    static MetricSettings of(CamelContext context) {
        return new MetricSettings(property(context, "topic.execution-completed"),
                property(context, "topic.execution-failed"), property(context, "topic.execution-timeout"),
                property(context, "topic.result-stored"), property(context, "topic.result-failed"),
                property(context, "topic.dead-letter"), property(context, "kafka.consumer-group"),
                mebibytes(property(context, "k8s.pod-memory-limit")));
    }

    /** A Kubernetes memory quantity in MiB; refused when it is not a positive amount. */
    static double mebibytes(String quantity) {
        BigDecimal bytes = Quantity.getAmountInBytes(Quantity.parse(quantity.trim()));
        if (bytes.signum() <= 0) {
            throw new IllegalArgumentException("K8S_POD_MEMORY_LIMIT must be a positive quantity: " + quantity);
        }
        return bytes.divide(BYTES_PER_MIB, MathContext.DECIMAL64).doubleValue();
    }

    /** The topics consumed. */
    List<String> inputTopics() {
        return List.of(completedTopic, failedTopic, timeoutTopic);
    }

    /** The topic an event of this type is consumed from (the router takes each type only from its own). */
    String inputTopic(String eventType) {
        return switch (eventType) {
            case ExecutionCompletedEvent.TYPE -> completedTopic;
            case ExecutionFailedEvent.TYPE -> failedTopic;
            case ExecutionTimeoutEvent.TYPE -> timeoutTopic;
            default -> eventType;
        };
    }

    private static String property(CamelContext context, String key) {
        return context.resolvePropertyPlaceholders("{{" + key + "}}");
    }
}
