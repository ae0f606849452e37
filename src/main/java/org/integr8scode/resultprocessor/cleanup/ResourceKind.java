package org.integr8scode.resultprocessor.cleanup;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;

/** The two kinds of resource an execution leaves behind, with the names the clean-up gives them and counts them by. */
public enum ResourceKind {

    POD("pod", KubernetesNames.POD_PREFIX),
    CONFIG_MAP("configmap", KubernetesNames.CONFIG_MAP_PREFIX);

    private final String tag;
    private final String prefix;

    ResourceKind(String tag, String prefix) {
        this.tag = tag;
        this.prefix = prefix;
    }

    /** The {@code kind} tag of the clean-up metrics. */
    public String getTag() {
        return tag;
    }

    public String nameFor(String executionId) {
        return prefix + executionId;
    }

    /** The execution_id a name of this kind stands for, or null for a name the clean-up would never have used. */
    public String executionIdIn(String name) {
        if (name == null || !name.startsWith(prefix)) {
            return null;
        }
        String executionId = name.substring(prefix.length());
        return KubernetesNames.isValidFor(executionId) ? executionId : null;
    }

    public static ResourceKind of(HasMetadata resource) {
        if (resource instanceof Pod) {
            return POD;
        }
        if (resource instanceof ConfigMap) {
            return CONFIG_MAP;
        }
        throw new IllegalArgumentException("not a kind the clean-up deletes: " + resource.getKind());
    }
}
