package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.integr8scode.resultprocessor.support.KubernetesCleanupTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A dashboard shows 0, not "No data", before the processor has done anything: every series the project's dashboard
 * and the original's dashboards query is served from the start, the counters at zero for their known labels
 * (docs/contract.md §5). No record is published in this class. With the clean-up on, as in a cluster.
 */
class SeriesServedFromTheStartTest extends KubernetesCleanupTestSupport {

    /** The lines /observe/metrics serves for this series with all these labels. */
    private List<String> served(String series, String... labels) {
        return observe("/observe/metrics").body().lines()
                .filter(line -> line.startsWith(series + "{"))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .toList();
    }

    private void assertServedAtZero(String series, String... labels) {
        assertThat(served(series, labels)).as(series + " " + String.join(",", labels))
                .singleElement().satisfies(line ->
                        assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).isZero());
    }

    @Test
    void theMessagingCountersAreServedAtZeroForEveryTopicBeforeAnyRecord() {
        String kafka = "messaging_system=\"kafka\"";
        for (String topic : List.of(completedTopic, failedTopic, timeoutTopic)) {
            assertServedAtZero("messaging_process_messages_total", kafka,
                    "messaging_destination_publish_name=\"" + topic + "\"");
        }
        for (String topic : List.of(storedTopic, resultFailedTopic, deadLetterTopic)) {
            assertServedAtZero("messaging_publish_messages_total", kafka, "messaging_destination_name=\"" + topic + "\"");
        }
    }

    @Test
    void theOriginalServicesCountersAreServedAtZeroForTheirKnownLabelsBeforeAnyRecord() {
        for (String status : List.of("completed", "failed", "timeout")) {
            assertServedAtZero("script_executions_total", "status=\"" + status + "\"",
                    "lang_and_version=\"unknown-unknown\"");
        }
        for (String errorType : List.of("system_error", "timeout", "resource_limit", "script_error",
                "permission_denied")) {
            assertServedAtZero("script_errors_total", "error_type=\"" + errorType + "\"");
        }
        String group = "consumer_group=\"" + lane.group() + "\"";
        assertServedAtZero("event_processing_errors_total", "topic=\"" + completedTopic + "\"",
                "event_type=\"execution_completed\"", group, "error_type=\"execution_not_found\"");
        assertServedAtZero("event_processing_errors_total", "topic=\"" + failedTopic + "\"",
                "event_type=\"unknown\"", group, "error_type=\"poison_record\"");
        assertServedAtZero("event_processing_duration_seconds_count", "event_type=\"execution_timeout\"");
    }

    @Test
    void everySeriesTheDashboardsQueryIsServedBeforeAnyRecord() {
        Set<String> queried = OperationsTest.seriesTheDashboardsQuery();
        // the consumer's own metrics come with the consumer, a moment after the routes start
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<String> names = new TreeSet<>();
            observe("/observe/metrics").body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
            assertThat(names).containsAll(queried);
        });
        assertThat(published.on(storedTopic)).as("nothing was processed").isEmpty();
    }
}
