package org.integr8scode.resultprocessor.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.integr8scode.resultprocessor.support.FreePorts;

/**
 * A real Prometheus against the running processor (.ci/prometheus-check): the processor on embedded services and
 * Prometheus scraping its {@code /observe/metrics} every second. Every query of the project's dashboard and every
 * query of the original's dashboards over this service's series is asked through Prometheus's HTTP API twice:
 * before any record, when each must answer with a series (served from the start: a panel shows 0, not "No data");
 * then once completed, failed, timed-out, unknown and poison records have been fed round after round, when each
 * must answer with a series showing the work (a value above 0, but for the few that may rightly be 0, see
 * {@link Expectation}). Prints a table of the answers; exits 1, naming what fell short, otherwise.
 * <p>
 * {@code -Dprometheus.binary} names the executable (default {@code prometheus}, on the PATH).
 */
public final class PrometheusCheck {

    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    /** Scrapes before the first questions: a rate needs two samples in its window. */
    private static final int SCRAPES_BEFORE_ASKING = 3;
    /** Rounds of work before the second questions, a second apart: several scrapes with increases between them. */
    private static final int ROUNDS_BEFORE_ASKING = 8;
    /** How long the queries may take to answer as they should once asked (a histogram's first increase, ...). */
    private static final Duration ANSWERS_WITHIN = Duration.ofSeconds(60);

    private PrometheusCheck() {
    }

    public static void main(String[] args) throws Exception {
        String binary = System.getProperty("prometheus.binary", "prometheus");
        List<DashboardQuery> queries = new ArrayList<>(DashboardQueries.ofDashboard(DashboardQueries.PROJECT_DASHBOARD));
        int ours = queries.size();
        queries.addAll(DashboardQueries.original());
        Expectation expectation = Expectation.load();
        System.out.printf("prometheus-check: %d queries of %s and %d of the original's dashboards%n", ours,
                DashboardQueries.PROJECT_DASHBOARD, queries.size() - ours);

        Map<DashboardQuery, QueryAnswer> beforeWork;
        Map<DashboardQuery, QueryAnswer> afterWork;
        try (FedProcessor processor = new FedProcessor();
             PrometheusServer prometheus = new PrometheusServer(binary, FreePorts.next(), processor.managementAddress(),
                     "/observe/metrics", SCRAPE_INTERVAL)) {
            prometheus.awaitScrapes(SCRAPES_BEFORE_ASKING, Duration.ofSeconds(60));
            beforeWork = askUntilAnswered(prometheus, queries, (query, answer) -> expectation.shortfallBeforeWork(answer));
            processor.feed(Duration.ofSeconds(1));
            Instant fedEnough = Instant.now().plusSeconds(60);
            while (processor.roundsFed() < ROUNDS_BEFORE_ASKING && Instant.now().isBefore(fedEnough)) {
                Thread.sleep(200);
            }
            if (processor.roundsFed() < ROUNDS_BEFORE_ASKING) {
                throw new IllegalStateException("only " + processor.roundsFed() + " rounds of work fed in 60 s");
            }
            afterWork = askUntilAnswered(prometheus, queries, expectation::shortfall);
        }
        List<String> shortfalls = print(queries, beforeWork, afterWork, expectation);
        if (!shortfalls.isEmpty()) {
            System.err.println("prometheus-check: FAILED, " + shortfalls.size() + " answers of " + 2 * queries.size()
                    + " do not show what they should:");
            shortfalls.forEach(line -> System.err.println("  " + line));
            System.exit(1);
        }
        System.out.println("prometheus-check: all " + queries.size() + " queries answer before any work, and with the "
                + "processor's work once fed");
        System.exit(0);
    }

    /** Every query asked again until none falls short, or the time is up: the last answers. */
    private static Map<DashboardQuery, QueryAnswer> askUntilAnswered(
            PrometheusServer prometheus, List<DashboardQuery> queries,
            BiFunction<DashboardQuery, QueryAnswer, String> shortfall) throws InterruptedException {
        Instant deadline = Instant.now().plus(ANSWERS_WITHIN);
        while (true) {
            Map<DashboardQuery, QueryAnswer> answers = new LinkedHashMap<>();
            queries.forEach(query -> answers.put(query, prometheus.query(query.expr())));
            boolean all = answers.entrySet().stream()
                    .allMatch(answer -> shortfall.apply(answer.getKey(), answer.getValue()) == null);
            if (all || Instant.now().isAfter(deadline)) {
                return answers;
            }
            Thread.sleep(SCRAPE_INTERVAL.toMillis());
        }
    }

    /** The summary table, a query a line; the shortfalls, each with its query. */
    private static List<String> print(List<DashboardQuery> queries, Map<DashboardQuery, QueryAnswer> beforeWork,
                                      Map<DashboardQuery, QueryAnswer> afterWork, Expectation expectation) {
        List<String> shortfalls = new ArrayList<>();
        System.out.printf("%n%-4s %-28s %-30s %8s %8s %10s  %s%n", "ok", "dashboard", "panel", "at start", "series",
                "max value", "query");
        for (DashboardQuery query : queries) {
            QueryAnswer before = beforeWork.get(query);
            QueryAnswer after = afterWork.get(query);
            String atStart = expectation.shortfallBeforeWork(before);
            String fed = expectation.shortfall(query, after);
            if (atStart != null) {
                shortfalls.add(query + " -> " + atStart);
            }
            if (fed != null) {
                shortfalls.add(query + " -> " + fed);
            }
            System.out.printf("%-4s %-28s %-30s %8d %8d %10s  %s%n", atStart == null && fed == null ? "yes" : "NO",
                    cut(query.dashboard(), 28), cut(query.panel(), 30), before.series().size(), after.series().size(),
                    String.format("%.4g", after.maxValue()) + (expectation.mayAnswerZero(query) ? "*" : ""),
                    query.expr());
        }
        System.out.println("(at start: series before any record; series and max value: once fed; * may answer 0, "
                + Expectation.MAY_ANSWER_ZERO + ")\n");
        return shortfalls;
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
