package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.integr8scode.resultprocessor.support.KubernetesCleanupTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Out of a cluster and with no master URL configured, the application finds the Kubernetes API as kubectl does,
 * through a kubeconfig file, and cleans up there.
 */
class KubeconfigDiscoveryTest extends KubernetesCleanupTestSupport {

    /** fabric8 reads the kubeconfig's path from this system property before the KUBECONFIG variable. */
    private static final String KUBECONFIG_PROPERTY = "kubeconfig";

    // static: camel-test reads the overrides from its constructor, before the instance's fields are set
    private static Path kubeconfig;

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("kubernetes.master", "");
        writeKubeconfigPointingAt(kubernetes().url());
        return properties;
    }

    /** The client is built when the context starts: the property must be set by then. */
    private void writeKubeconfigPointingAt(String server) {
        try {
            if (kubeconfig == null) {
                kubeconfig = Files.createTempFile("kubeconfig-discovery", ".yaml");
            }
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: mock
                      cluster:
                        server: %s
                    users:
                    - name: tester
                      user:
                        token: the-mock-checks-no-token
                    contexts:
                    - name: mock
                      context:
                        cluster: mock
                        user: tester
                        namespace: %s
                    current-context: mock
                    """.formatted(server, namespace()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(KUBECONFIG_PROPERTY, kubeconfig.toString());
    }

    @AfterAll
    void forgetTheKubeconfig() throws IOException {
        // the test classes share the JVM: the next one must not find the API through this file
        System.clearProperty(KUBECONFIG_PROPERTY);
        if (kubeconfig != null) {
            Files.deleteIfExists(kubeconfig);
        }
    }

    @Test
    void deletesThePodAndConfigMapOfAStoredExecutionThroughTheKubeconfigsApi() {
        String id = newExecutionId();
        givenExecution(id);
        kubernetes().createPod(namespace(), "executor-" + id, ours(id));
        kubernetes().createConfigMap(namespace(), "script-" + id, ours(id));

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(kubernetes().podExists(namespace(), "executor-" + id)).isFalse();
            assertThat(kubernetes().configMapExists(namespace(), "script-" + id)).isFalse();
        });
        assertThat(result(id)).isNotNull();
    }
}
