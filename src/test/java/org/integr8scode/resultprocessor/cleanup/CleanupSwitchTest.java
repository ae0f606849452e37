package org.integr8scode.resultprocessor.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the clean-up runs: {@code auto} turns it on only where a Kubernetes API can be found, {@code true} and
 * {@code false} decide outright.
 */
class CleanupSwitchTest {

    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    /** An empty home of the test's own: the real one may hold a ~/.kube/config. */
    @TempDir
    Path home;

    private Path kubeconfigIn(Path directory) throws IOException {
        Path file = directory.resolve("config");
        Files.createDirectories(directory);
        // only the file's presence counts, not what it says
        Files.writeString(file, "apiVersion: v1\nkind: Config\n");
        return file;
    }

    private boolean auto(String kubernetesMaster, Map<String, String> environment) {
        return new CleanupSwitch("auto", kubernetesMaster, environment, home).isEnabled();
    }

    @Test
    void autoIsOnWithAKubeconfigNamedByKubeconfig(@TempDir Path elsewhere) throws IOException {
        Path kubeconfig = kubeconfigIn(elsewhere);

        assertThat(auto("", Map.of("KUBECONFIG", kubeconfig.toString()))).isTrue();
    }

    @Test
    void autoIsOnWithAKubeconfigInTheHomeDirectory() throws IOException {
        kubeconfigIn(home.resolve(".kube"));

        assertThat(auto("", NO_ENVIRONMENT)).isTrue();
    }

    @Test
    void autoIsOnInACluster() {
        assertThat(auto("", Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"))).isTrue();
    }

    @Test
    void autoIsOnWithAKubernetesMasterSetting() {
        assertThat(auto("https://kubernetes.example:6443", NO_ENVIRONMENT)).isTrue();
    }

    @Test
    void autoIsOnWithAKubernetesMasterFromTheEnvironment() {
        assertThat(auto("", Map.of("KUBERNETES_MASTER", "https://kubernetes.example:6443"))).isTrue();
    }

    @Test
    void autoIsOffWithNoKubernetesApiToBeFound() {
        assertThat(auto("", NO_ENVIRONMENT)).isFalse();
    }

    @Test
    void autoIsOffWhenKubeconfigNamesAMissingFile() throws IOException {
        // even with a ~/.kube/config present: KUBECONFIG, when set, replaces it
        kubeconfigIn(home.resolve(".kube"));

        assertThat(auto("", Map.of("KUBECONFIG", home.resolve("missing").toString()))).isFalse();
    }

    @Test
    void autoIsTheDefault() {
        assertThat(new CleanupSwitch(null, "", NO_ENVIRONMENT, home).isEnabled()).isFalse();
        assertThat(new CleanupSwitch(null, "", Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"), home).isEnabled()).isTrue();
    }

    @Test
    void falseWinsOverEveryKubernetesApiPresent(@TempDir Path elsewhere) throws IOException {
        kubeconfigIn(home.resolve(".kube"));
        Map<String, String> everything = Map.of(
                "KUBECONFIG", kubeconfigIn(elsewhere).toString(),
                "KUBERNETES_SERVICE_HOST", "10.96.0.1",
                "KUBERNETES_MASTER", "https://kubernetes.example:6443");

        assertThat(new CleanupSwitch("false", "https://kubernetes.example:6443", everything, home).isEnabled()).isFalse();
    }

    @Test
    void trueIsOnWithNoKubernetesApiToBeFound() {
        assertThat(new CleanupSwitch("true", "", NO_ENVIRONMENT, home).isEnabled()).isTrue();
    }
}
