package org.integr8scode.resultprocessor.prometheus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The queries a Prometheus is asked: every target of the project's Grafana dashboard, read from its JSON, and the
 * original service's dashboard queries over this service's series, from the list committed beside the tests
 * (their dashboards are not in this repository). Grafana's own variables are given the values Grafana would give
 * them; a query that names another variable is refused, not run half-substituted.
 */
public final class DashboardQueries {

    /** The project's dashboard. */
    public static final Path PROJECT_DASHBOARD = Path.of("deploy/grafana/result-processor.json");
    /** The original's queries, one a line (see the file's head for where they come from). */
    public static final String ORIGINAL_QUERIES = "/prometheus/original-dashboard-queries.txt";

    /**
     * {@code $__rate_interval}: what Grafana makes of it for Prometheus's default scrape interval of 15 s (four
     * intervals), the interval a cluster's Prometheus scrapes the processor at unless told otherwise.
     */
    static final Map<String, String> GRAFANA_VARIABLES = Map.of("$__rate_interval", "1m");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");

    private DashboardQueries() {
    }

    /** Every query of a Grafana dashboard's panels, in the order of its panels and their targets. */
    public static List<DashboardQuery> ofDashboard(Path dashboard) {
        JsonNode json;
        try {
            json = JSON.readTree(dashboard.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dashboard, e);
        }
        List<DashboardQuery> queries = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new DashboardQuery(dashboard.getFileName().toString(), panel.path("title").asText(),
                            substituted(target.get("expr").asText())));
                }
            }
        }
        return queries;
    }

    /** The original service's queries over this service's series. */
    public static List<DashboardQuery> original() {
        InputStream list = DashboardQueries.class.getResourceAsStream(ORIGINAL_QUERIES);
        if (list == null) {
            throw new IllegalStateException(ORIGINAL_QUERIES + " is not on the classpath");
        }
        List<DashboardQuery> queries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(" \\| ", 3);
                if (fields.length != 3) {
                    throw new IllegalStateException(ORIGINAL_QUERIES + ": not <dashboard> | <panel> | <query>: " + line);
                }
                queries.add(new DashboardQuery(fields[0].strip(), fields[1].strip(), substituted(fields[2].strip())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    static String substituted(String expr) {
        String result = expr;
        for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
            result = result.replace(variable.getKey(), variable.getValue());
        }
        Matcher left = VARIABLE.matcher(result);
        if (left.find()) {
            throw new IllegalStateException("a Grafana variable with no value for Prometheus, " + left.group()
                    + ", in: " + expr);
        }
        return result;
    }
}
