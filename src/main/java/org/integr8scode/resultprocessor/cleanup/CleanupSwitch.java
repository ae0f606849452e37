package org.integr8scode.resultprocessor.cleanup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the clean-up runs. {@code auto} (the default) turns it on only where a Kubernetes API is configured
 * ({@code KUBERNETES_MASTER} or a kubeconfig file) or the process runs in a cluster
 * ({@code KUBERNETES_SERVICE_HOST}); {@code true} or {@code false} decide outright.
 */
public class CleanupSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupSwitch.class);

    private final boolean enabled;

    public CleanupSwitch(String setting, String kubernetesMaster, Map<String, String> environment, Path home) {
        String value = setting == null ? "auto" : setting.trim().toLowerCase();
        String reason;
        if (value.equals("true") || value.equals("false")) {
            enabled = Boolean.parseBoolean(value);
            reason = "CLEANUP_ENABLED=" + value;
        } else if (notBlank(kubernetesMaster) || notBlank(environment.get("KUBERNETES_MASTER"))) {
            enabled = true;
            reason = "a Kubernetes API is configured (KUBERNETES_MASTER)";
        } else if (notBlank(environment.get("KUBERNETES_SERVICE_HOST"))) {
            enabled = true;
            reason = "the process runs in a cluster (KUBERNETES_SERVICE_HOST)";
        } else if (kubeconfig(environment, home) != null) {
            enabled = true;
            reason = "a kubeconfig file is present (" + kubeconfig(environment, home) + ")";
        } else {
            enabled = false;
            reason = "no Kubernetes API is configured and the process runs outside a cluster";
        }
        LOG.info("Kubernetes clean-up is {}: {}", enabled ? "ON" : "OFF", reason);
    }

    public boolean isEnabled() {
        return enabled;
    }

    private static Path kubeconfig(Map<String, String> environment, Path home) {
        String configured = environment.get("KUBECONFIG");
        Path file = notBlank(configured) ? Path.of(configured.split(java.io.File.pathSeparator)[0])
                : home.resolve(".kube").resolve("config");
        return Files.isRegularFile(file) ? file : null;
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
