package org.integr8scode.resultprocessor.prometheus;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PromQL query of a Grafana dashboard: where it comes from (the dashboard's file and the panel's title) and the
 * expression as Prometheus is to run it.
 */
public record DashboardQuery(String dashboard, String panel, String expr) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** PromQL's keywords and the aggregation modifiers, which read like series names where they stand. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "offset", "and", "or", "unless", "inf", "nan");

    /**
     * The series the expression reads: each name that is no function (not followed by a parenthesis) and no
     * keyword, once the label matchers, range durations, quoted strings and grouping lists are taken out.
     */
    public Set<String> seriesNamed() {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            String name = matcher.group();
            boolean precededByDigit = matcher.start() > 0 && Character.isDigit(bare.charAt(matcher.start() - 1));
            boolean function = bare.substring(matcher.end()).stripLeading().startsWith("(");
            if (!precededByDigit && !function && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return dashboard + " / " + panel + ": " + expr;
    }
}
