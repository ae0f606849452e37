package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import org.integr8scode.resultprocessor.support.KubernetesApiMock;
import org.integr8scode.resultprocessor.support.KubernetesCleanupTestSupport;
import org.junit.jupiter.api.Test;

/** The sweep in dry run (SWEEP_DRY_RUN=true) counts the orphans it finds and deletes none of them. */
class OrphanSweepDryRunTest extends KubernetesCleanupTestSupport {

    private static final String NAMESPACE = "dry-sweeper";
    private static final KubernetesApiMock KUBERNETES = new KubernetesApiMock();

    @Override
    protected KubernetesApiMock kubernetes() {
        return KUBERNETES;
    }

    @Override
    protected String namespace() {
        return NAMESPACE;
    }

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("sweep.interval-seconds", "1");
        properties.setProperty("sweep.dry-run", "true");
        return properties;
    }

    @Test
    void findsAndCountsOrphansButDeletesNothing() {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        KUBERNETES.createPod(NAMESPACE, "executor-finished-long-ago", Map.of("app", "integr8s"), "Succeeded", twoHoursAgo);
        KUBERNETES.createConfigMap(NAMESPACE, "script-created-long-ago", Map.of("app", "integr8s"));
        KUBERNETES.nextConfigMapListingCreatedAt(NAMESPACE, Map.of("script-created-long-ago", twoHoursAgo));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(metric("cleanup_sweep_orphans_total", "kind=\"pod\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric("cleanup_sweep_orphans_total", "kind=\"configmap\"")).isGreaterThanOrEqualTo(1);
        });

        assertThat(KUBERNETES.podExists(NAMESPACE, "executor-finished-long-ago")).isTrue();
        assertThat(KUBERNETES.configMapExists(NAMESPACE, "script-created-long-ago")).isTrue();
        assertThat(KUBERNETES.requests("DELETE", "/api/v1/namespaces/" + NAMESPACE + "/pods/executor-finished-long-ago"))
                .isEmpty();
        assertThat(metric("cleanup_deletions_total")).isZero();
    }
}
