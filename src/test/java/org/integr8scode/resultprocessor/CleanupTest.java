package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.integr8scode.resultprocessor.support.KubernetesApiMock;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Contract §3 on the fabric8 Kubernetes mock (CRUD mode): the wire-tapped clean-up of a finished execution. */
class CleanupTest extends ResultProcessorTestSupport {

    private static final String NAMESPACE = "executors";
    private static final KubernetesApiMock KUBERNETES = new KubernetesApiMock();

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("cleanup.enabled", "true");
        properties.setProperty("kubernetes.master", KUBERNETES.url());
        properties.setProperty("k8s.namespace", NAMESPACE);
        return properties;
    }

    @AfterAll
    void stopKubernetes() {
        KUBERNETES.close();
    }

    private static Map<String, String> ours(String id) {
        return Map.of("app", "integr8s", "execution-id", id);
    }

    @Test
    void deletesThePodAndConfigMapOfAStoredExecutionInTheConfiguredNamespaceOnly() {
        String id = newExecutionId();
        givenExecution(id);
        KUBERNETES.createPod(NAMESPACE, "executor-" + id, ours(id));
        KUBERNETES.createConfigMap(NAMESPACE, "script-" + id, ours(id));
        KUBERNETES.createPod("someone-else", "executor-" + id, ours(id));

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(KUBERNETES.podExists(NAMESPACE, "executor-" + id)).isFalse();
            assertThat(KUBERNETES.configMapExists(NAMESPACE, "script-" + id)).isFalse();
        });
        assertThat(KUBERNETES.podExists("someone-else", "executor-" + id)).as("another namespace is left alone").isTrue();
        assertThat(result(id)).isNotNull();
        assertThat(metric("cleanup_deletions_total", "kind=\"pod\"", "outcome=\"deleted\"")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void leavesAloneAPodAndConfigMapWithoutTheIntegr8sLabel() {
        String id = newExecutionId();
        givenExecution(id);
        KUBERNETES.createPod(NAMESPACE, "executor-" + id, Map.of("app", "something-else"));
        KUBERNETES.createConfigMap(NAMESPACE, "script-" + id, Map.of("app", "integr8s", "execution-id", "another-execution"));
        double refusedBefore = metric("cleanup_deletions_total", "outcome=\"refused\"");

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        await().atMost(Duration.ofSeconds(20)).until(
                () -> metric("cleanup_deletions_total", "outcome=\"refused\"") >= refusedBefore + 2);
        assertThat(KUBERNETES.podExists(NAMESPACE, "executor-" + id)).isTrue();
        assertThat(KUBERNETES.configMapExists(NAMESPACE, "script-" + id)).isTrue();
    }

    @Test
    void resourcesAlreadyGoneCountAsDeletedAndTheResultIsStored() {
        String id = newExecutionId();
        givenExecution(id);
        double goneBefore = metric("cleanup_deletions_total", "outcome=\"already_gone\"");

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        awaitRecords(storedTopic, 1, keyed(id));
        await().atMost(Duration.ofSeconds(20)).until(
                () -> metric("cleanup_deletions_total", "outcome=\"already_gone\"") >= goneBefore + 2);
        assertThat(execution(id).getString("status")).isEqualTo("completed");
    }

    @Test
    void anExecutionIdThatIsNoKubernetesNameIsNeverUsedNorTransformedIntoOne() {
        String id = "Mixed_Case-" + newExecutionId().substring(0, 8);
        String transformed = id.toLowerCase().replace('_', '-');
        givenExecution(id);
        KUBERNETES.createPod(NAMESPACE, "executor-" + transformed, ours(transformed));
        String next = newExecutionId();
        givenExecution(next);
        KUBERNETES.createPod(NAMESPACE, "executor-" + next, ours(next));

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));
        publish(completedTopic, TestEvents.completed(next, 0, "", ""));

        await().atMost(Duration.ofSeconds(20)).until(() -> !KUBERNETES.podExists(NAMESPACE, "executor-" + next));
        assertThat(result(id)).as("its result is stored all the same").isNotNull();
        assertThat(KUBERNETES.podExists(NAMESPACE, "executor-" + transformed)).isTrue();
    }
}
