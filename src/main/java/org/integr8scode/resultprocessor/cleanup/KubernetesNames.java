package org.integr8scode.resultprocessor.cleanup;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.camel.Body;

/**
 * The names of an execution's pod and ConfigMap. An execution_id that does not make a valid DNS-1123 label with
 * its prefix (lower case, at most 63 characters), nor a valid label value for the {@code execution-id} selector
 * (it must also begin with a letter or digit), is never used for one, nor changed into one.
 */
public final class KubernetesNames {

    public static final String POD_PREFIX = "executor-";
    public static final String CONFIG_MAP_PREFIX = "script-";

    private static final int MAX_LABEL = 63;
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /**
     * All three conditions at once, matched once: a DNS-1123 label itself (so it begins with a letter or digit, and
     * both prefixed names end as it does), short enough for the longer prefix.
     */
    private static final Pattern VALID_EXECUTION_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,"
            + (MAX_LABEL - 2 - Math.max(POD_PREFIX.length(), CONFIG_MAP_PREFIX.length())) + "}[a-z0-9])?");

    private KubernetesNames() {
    }

    public static boolean isValidFor(String executionId) {
        return executionId != null && VALID_EXECUTION_ID.matcher(executionId).matches();
    }

    /** The execution_ids the clean-up may use, in their order. */
    public static List<String> valid(@Body List<String> executionIds) {
        return executionIds.stream().filter(KubernetesNames::isValidFor).toList();
    }

    /** The execution_ids the clean-up refuses to use. */
    public static List<String> invalid(@Body List<String> executionIds) {
        return executionIds.stream().filter(id -> !isValidFor(id)).toList();
    }

    static boolean isDns1123Label(String name) {
        return name.length() <= MAX_LABEL && DNS_1123_LABEL.matcher(name).matches();
    }
}
