package org.integr8scode.resultprocessor.cleanup;

import java.util.regex.Pattern;

/**
 * The names of an execution's pod and ConfigMap. An execution_id that does not make a valid DNS-1123 label with
 * its prefix (lower case, at most 63 characters) is never used for one, nor changed into one.
 */
public final class KubernetesNames {

    public static final String POD_PREFIX = "executor-";
    public static final String CONFIG_MAP_PREFIX = "script-";

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private KubernetesNames() {
    }

    public static boolean isValidFor(String executionId) {
        return executionId != null
                && isDns1123Label(POD_PREFIX + executionId)
                && isDns1123Label(CONFIG_MAP_PREFIX + executionId);
    }

    static boolean isDns1123Label(String name) {
        return name.length() <= 63 && DNS_1123_LABEL.matcher(name).matches();
    }
}
