package org.integr8scode.resultprocessor.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector as the API server reads it: requirements separated by commas, each {@code key=value},
 * {@code key==value}, {@code key!=value}, {@code key in (a,b)}, {@code key notin (a,b)}, {@code key} or
 * {@code !key}; a resource matches when it meets them all. For the test double, which must honour the set-based
 * ones that fabric8's CRUD mock ignores.
 */
final class LabelSelector implements Predicate<Map<String, String>> {

    private final List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
    private final boolean setBased;

    LabelSelector(String selector) {
        boolean anySet = false;
        for (String requirement : topLevelParts(selector)) {
            String r = requirement.trim();
            if (r.isEmpty()) {
                continue;
            }
            String[] words = r.split("\\s+", 3);
            if (words.length == 3 && (words[1].equals("in") || words[1].equals("notin"))) {
                anySet = true;
                String key = words[0];
                String list = words[2].trim();
                if (!list.startsWith("(") || !list.endsWith(")")) {
                    throw new IllegalArgumentException("bad set in label selector: " + r);
                }
                Set<String> values = Arrays.stream(list.substring(1, list.length() - 1).split(","))
                        .map(String::trim).collect(Collectors.toSet());
                boolean in = words[1].equals("in");
                requirements.add(labels -> in ? values.contains(labels.get(key))
                        : !labels.containsKey(key) || !values.contains(labels.get(key)));
            } else if (r.contains("!=")) {
                String[] kv = r.split("!=", 2);
                requirements.add(labels -> !kv[1].trim().equals(labels.get(kv[0].trim())));
            } else if (r.contains("=")) {
                String[] kv = r.split("==?", 2);
                requirements.add(labels -> kv[1].trim().equals(labels.get(kv[0].trim())));
            } else if (r.startsWith("!")) {
                String key = r.substring(1).trim();
                requirements.add(labels -> !labels.containsKey(key));
            } else {
                requirements.add(labels -> labels.containsKey(r));
            }
        }
        this.setBased = anySet;
    }

    /** Whether it has a requirement the CRUD mock would silently ignore. */
    boolean isSetBased() {
        return setBased;
    }

    @Override
    public boolean test(Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(requirement -> requirement.test(present));
    }

    /** The requirements: commas inside a set's parentheses belong to the set. */
    private static List<String> topLevelParts(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : selector.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
