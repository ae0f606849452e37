package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import org.integr8scode.resultprocessor.support.KubernetesCleanupTestSupport;
import org.junit.jupiter.api.Test;

/** The sweep in dry run (SWEEP_DRY_RUN=true) counts the orphans it finds and deletes none of them. */
class OrphanSweepDryRunTest extends KubernetesCleanupTestSupport {


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
        kubernetes().createPod(namespace(), "executor-finished-long-ago", Map.of("app", "integr8s"), "Succeeded", twoHoursAgo);
        kubernetes().createConfigMap(namespace(), "script-created-long-ago", Map.of("app", "integr8s"));
        kubernetes().nextConfigMapListingCreatedAt(namespace(), Map.of("script-created-long-ago", twoHoursAgo));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(metric("cleanup_sweep_orphans_total", "kind=\"pod\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric("cleanup_sweep_orphans_total", "kind=\"configmap\"")).isGreaterThanOrEqualTo(1);
        });

        assertThat(kubernetes().podExists(namespace(), "executor-finished-long-ago")).isTrue();
        assertThat(kubernetes().configMapExists(namespace(), "script-created-long-ago")).isTrue();
        assertThat(kubernetes().requests("DELETE", "/api/v1/namespaces/" + namespace() + "/pods/executor-finished-long-ago"))
                .isEmpty();
        assertThat(metric("cleanup_deletions_total")).isZero();
    }
}
