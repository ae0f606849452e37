package org.integr8scode.resultprocessor.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The queries the Prometheus check asks, read as Grafana would run them, and the series each reads (what
 * OperationsTest and SeriesServedFromTheStartTest require served).
 */
class DashboardQueriesTest {

    private static DashboardQuery query(String expr) {
        return new DashboardQuery("test.json", "panel", expr);
    }

    @Test
    void theSeriesOfAQueryAreItsNamesThatAreNeitherFunctionsNorKeywordsNorLabels() {
        assertThat(query("sum(messaging_publish_messages_total) by (messaging_destination_name) or vector(0)")
                .seriesNamed()).containsExactly("messaging_publish_messages_total");
        assertThat(query("((sum(rate(script_executions_total{status=~\"failed|error|timeout\"}[1m])) or vector(0))"
                + " / (sum(rate(script_executions_total[1m])) or vector(1))) * 100").seriesNamed())
                .containsExactly("script_executions_total");
        assertThat(query("histogram_quantile(0.95, sum by (le) (rate(result_batch_size_bucket{}[1m])))"
                + " / sum(rate(result_batch_size_count[5m] offset 1m))").seriesNamed())
                .containsExactly("result_batch_size_bucket", "result_batch_size_count");
    }

    @Test
    void grafanasRateIntervalIsGivenItsValueAndAnyOtherVariableIsRefused() {
        assertThat(DashboardQueries.substituted("rate(x_total[$__rate_interval])")).isEqualTo("rate(x_total[1m])");
        assertThatThrownBy(() -> DashboardQueries.substituted("rate(x_total{pod=\"$pod\"}[1m])"))
                .hasMessageContaining("$pod");
    }

    @Test
    void theProjectsDashboardReadsTheMessagingCountersByTheContractsLabels() {
        List<DashboardQuery> queries = DashboardQueries.ofDashboard(DashboardQueries.PROJECT_DASHBOARD);
        assertThat(queries).extracting(DashboardQuery::expr)
                .anyMatch(expr -> expr.contains("by (messaging_destination_publish_name)")
                        && expr.contains("messaging_process_messages_total{messaging_system=\"kafka\"}"))
                .anyMatch(expr -> expr.contains("by (messaging_destination_name)")
                        && expr.contains("messaging_publish_messages_total{messaging_system=\"kafka\"}"))
                .noneMatch(expr -> expr.contains("$"));
    }

    @Test
    void theOriginalsQueriesAreReadFromTheCommittedList() {
        List<DashboardQuery> queries = DashboardQueries.original();
        assertThat(queries).hasSizeGreaterThan(20)
                .anyMatch(query -> query.dashboard().equals("kafka-events-monitoring.json")
                        && query.expr().contains("by (messaging_destination_publish_name)"));
    }
}
