package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.integr8scode.resultprocessor.support.KubernetesApiMock;
import org.integr8scode.resultprocessor.support.KubernetesCleanupTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Contract §3, the periodic sweep, on the fabric8 Kubernetes mock: every second here, the minimum age being an
 * hour as by default. Pods are aged by when they finished (their status says); ConfigMaps by their creation, which
 * the mock always stamps with the present, so the listing that ages them answers through an expectation.
 */
class OrphanSweepTest extends KubernetesCleanupTestSupport {

    private static final String NAMESPACE = "sweeper";
    private static final Instant TWO_HOURS_AGO = Instant.now().minus(Duration.ofHours(2));
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
        return properties;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static Map<String, String> ours(String id) {
        return Map.of("app", "integr8s", "execution-id", id);
    }

    private double sweepsCompleted() {
        return metric("cleanup_sweep_runs_total", "outcome=\"completed\"");
    }

    /** Two more sweeps have completed: the second started after the count, so it has judged all there was then. */
    private void awaitTwoMoreSweeps(double completedBefore) {
        await().atMost(Duration.ofSeconds(20)).until(() -> sweepsCompleted() >= completedBefore + 2);
    }

    @Test
    void deletesPodsThatFinishedLongAgoAndKeepsRecentlyFinishedAndUnfinishedOnes() {
        String succeeded = newId();
        String failed = newId();
        String justFinished = newId();
        String running = newId();
        String pending = newId();
        String unlabelled = newId();
        String elsewhere = newId();
        KUBERNETES.createPod(NAMESPACE, "executor-" + succeeded, ours(succeeded), "Succeeded", TWO_HOURS_AGO);
        KUBERNETES.createPod(NAMESPACE, "executor-" + failed, ours(failed), "Failed", TWO_HOURS_AGO);
        KUBERNETES.createPod(NAMESPACE, "executor-" + justFinished, ours(justFinished), "Succeeded", Instant.now());
        KUBERNETES.createPod(NAMESPACE, "executor-" + running, ours(running), "Running", null);
        KUBERNETES.createPod(NAMESPACE, "executor-" + pending, ours(pending), "Pending", null);
        KUBERNETES.createPod(NAMESPACE, "executor-" + unlabelled, Map.of("app", "other"), "Succeeded", TWO_HOURS_AGO);
        KUBERNETES.createPod("someone-else", "executor-" + elsewhere, ours(elsewhere), "Succeeded", TWO_HOURS_AGO);
        double deletedBefore = metric("cleanup_deletions_total", "kind=\"pod\"", "outcome=\"deleted\"");
        double sweepsBefore = sweepsCompleted();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(KUBERNETES.podExists(NAMESPACE, "executor-" + succeeded)).isFalse();
            assertThat(KUBERNETES.podExists(NAMESPACE, "executor-" + failed)).isFalse();
        });
        awaitTwoMoreSweeps(sweepsBefore);

        assertThat(KUBERNETES.podExists(NAMESPACE, "executor-" + justFinished)).as("finished a moment ago").isTrue();
        assertThat(KUBERNETES.podExists(NAMESPACE, "executor-" + running)).as("running").isTrue();
        assertThat(KUBERNETES.podExists(NAMESPACE, "executor-" + pending)).as("pending").isTrue();
        assertThat(KUBERNETES.podExists(NAMESPACE, "executor-" + unlabelled)).as("not labelled app=integr8s").isTrue();
        assertThat(KUBERNETES.podExists("someone-else", "executor-" + elsewhere)).as("another namespace").isTrue();
        assertThat(metric("cleanup_deletions_total", "kind=\"pod\"", "outcome=\"deleted\"")).isEqualTo(deletedBefore + 2);
        assertThat(KUBERNETES.requests("DELETE", "/api/v1/namespaces/" + NAMESPACE + "/pods/executor-" + succeeded))
                .singleElement().satisfies(delete -> assertThat(delete.body()).contains("\"gracePeriodSeconds\":30"));
    }

    @Test
    void deletesOldConfigMapsAndKeepsYoungOnesAndThoseOfARunningPod() {
        String old = newId();
        String young = newId();
        String longRun = newId();
        KUBERNETES.createConfigMap(NAMESPACE, "script-" + old, ours(old));
        KUBERNETES.createConfigMap(NAMESPACE, "script-" + young, ours(young));
        KUBERNETES.createConfigMap(NAMESPACE, "script-" + longRun, ours(longRun));
        KUBERNETES.createPod(NAMESPACE, "executor-" + longRun, ours(longRun), "Running", null);

        KUBERNETES.nextConfigMapListingCreatedAt(NAMESPACE,
                Map.of("script-" + old, TWO_HOURS_AGO, "script-" + longRun, TWO_HOURS_AGO));
        double sweepsBefore = sweepsCompleted();

        await().atMost(Duration.ofSeconds(20)).until(() -> !KUBERNETES.configMapExists(NAMESPACE, "script-" + old));
        awaitTwoMoreSweeps(sweepsBefore);
        assertThat(KUBERNETES.configMapExists(NAMESPACE, "script-" + young)).as("created a moment ago").isTrue();
        assertThat(KUBERNETES.configMapExists(NAMESPACE, "script-" + longRun)).as("its pod still runs").isTrue();
    }
}
