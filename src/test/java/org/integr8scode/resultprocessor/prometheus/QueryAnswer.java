package org.integr8scode.resultprocessor.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Prometheus answered an instant query: whether it ran (an invalid query is refused with an error), and each
 * series it returned with its labels and value. A scalar answer counts as one series without labels.
 */
public record QueryAnswer(boolean succeeded, String error, List<Series> series) {

    /** One series of an answer. */
    public record Series(Map<String, String> labels, double value) {
    }

    static QueryAnswer of(String body) {
        JsonNode json = PrometheusServer.json(body);
        if (!"success".equals(json.path("status").asText())) {
            return new QueryAnswer(false, json.path("errorType").asText() + ": " + json.path("error").asText(), List.of());
        }
        JsonNode data = json.path("data");
        List<Series> series = new ArrayList<>();
        switch (data.path("resultType").asText()) {
            case "vector" -> data.path("result").forEach(item -> {
                Map<String, String> labels = new TreeMap<>();
                item.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
                series.add(new Series(labels, value(item.path("value"))));
            });
            case "scalar" -> series.add(new Series(Map.of(), value(data.path("result"))));
            default -> {
                return new QueryAnswer(false, "an answer of type " + data.path("resultType").asText()
                        + " where an instant vector or scalar was expected", List.of());
            }
        }
        return new QueryAnswer(true, null, series);
    }

    /** The largest finite value answered; NaN when there is none (no series, or only NaN, as a quantile of nothing). */
    public double maxValue() {
        return series.stream().mapToDouble(Series::value).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    // [<unix time>, "<value>"]; Prometheus writes NaN and the infinities as "NaN", "+Inf", "-Inf"
    private static double value(JsonNode sample) {
        String text = sample.path(1).asText();
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
