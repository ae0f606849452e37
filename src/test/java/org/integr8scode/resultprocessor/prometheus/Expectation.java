package org.integr8scode.resultprocessor.prometheus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What an answer must show for a query to pass: before any work, at least one series (the series are served from
 * the start, so a panel shows 0, not "No data"); once work was fed, at least one series and, for a query of work
 * done, a value above zero. The few queries of the project's dashboard that may rightly answer 0 are listed, each with its reason, in
 * {@code prometheus/may-answer-zero.txt}.
 */
public final class Expectation {

    static final String MAY_ANSWER_ZERO = "/prometheus/may-answer-zero.txt";

    /** The reasons a query may answer 0, by the query as its dashboard has it (before substitution). */
    private final Map<String, String> mayAnswerZero;

    private Expectation(Map<String, String> mayAnswerZero) {
        this.mayAnswerZero = mayAnswerZero;
    }

    public static Expectation load() {
        InputStream list = Expectation.class.getResourceAsStream(MAY_ANSWER_ZERO);
        if (list == null) {
            throw new IllegalStateException(MAY_ANSWER_ZERO + " is not on the classpath");
        }
        Map<String, String> reasons = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] fields = line.split(" \\| ", 2);
                    reasons.put(DashboardQueries.substituted(fields[1].strip()), fields[0].strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Expectation(reasons);
    }

    /** Whether this query may answer 0 (a state, or trouble the feed does not cause). */
    public boolean mayAnswerZero(DashboardQuery query) {
        return mayAnswerZero.containsKey(query.expr());
    }

    /**
     * Why the answer, before any record was fed, would leave its panel saying "No data" (it has no series, or the
     * query is refused); null when the panel has something to show, be it 0.
     */
    public String shortfallBeforeWork(QueryAnswer answer) {
        if (!answer.succeeded()) {
            return "refused: " + answer.error();
        }
        return answer.series().isEmpty() ? "no series before any work" : null;
    }

    /** Why the answer, once work was fed, does not show this service's work; null when it does. */
    public String shortfall(DashboardQuery query, QueryAnswer answer) {
        String none = shortfallBeforeWork(answer);
        if (none != null) {
            return none.replace(" before any work", "");
        }
        if (!mayAnswerZero(query) && !(answer.maxValue() > 0)) {
            return "no value above 0 (" + answer.maxValue() + ")";
        }
        return null;
    }
}
