package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.integr8scode.resultprocessor.support.KubernetesCleanupTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Contract §3, the periodic sweep, on the fabric8 Kubernetes mock: every second here, the minimum age being an
 * hour as by default. Pods are aged by when they finished (their status says); ConfigMaps by their creation, which
 * the mock always stamps with the present, so the listing that ages them answers through an expectation.
 */
class OrphanSweepTest extends KubernetesCleanupTestSupport {

    private static final Instant TWO_HOURS_AGO = Instant.now().minus(Duration.ofHours(2));

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("sweep.interval-seconds", "1");
        return properties;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private double sweepsCompleted() {
        return metric("cleanup_sweep_runs_total", "outcome=\"completed\"");
    }

    /** One more sweep has completed: any sweep still to complete started after the count. */
    private void awaitOneMoreSweep(double completedBefore) {
        await().atMost(Duration.ofSeconds(20)).until(() -> sweepsCompleted() >= completedBefore + 1);
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
        kubernetes().createPod(namespace(), "executor-" + succeeded, ours(succeeded), "Succeeded", TWO_HOURS_AGO);
        kubernetes().createPod(namespace(), "executor-" + failed, ours(failed), "Failed", TWO_HOURS_AGO);
        kubernetes().createPod(namespace(), "executor-" + justFinished, ours(justFinished), "Succeeded", Instant.now());
        kubernetes().createPod(namespace(), "executor-" + running, ours(running), "Running", null);
        kubernetes().createPod(namespace(), "executor-" + pending, ours(pending), "Pending", null);
        kubernetes().createPod(namespace(), "executor-" + unlabelled, Map.of("app", "other"), "Succeeded", TWO_HOURS_AGO);
        kubernetes().createPod("someone-else", "executor-" + elsewhere, ours(elsewhere), "Succeeded", TWO_HOURS_AGO);
        double deletedBefore = metric("cleanup_deletions_total", "kind=\"pod\"", "outcome=\"deleted\"");
        double sweepsBefore = sweepsCompleted();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(kubernetes().podExists(namespace(), "executor-" + succeeded)).isFalse();
            assertThat(kubernetes().podExists(namespace(), "executor-" + failed)).isFalse();
        });
        awaitTwoMoreSweeps(sweepsBefore);

        assertThat(kubernetes().podExists(namespace(), "executor-" + justFinished)).as("finished a moment ago").isTrue();
        assertThat(kubernetes().podExists(namespace(), "executor-" + running)).as("running").isTrue();
        assertThat(kubernetes().podExists(namespace(), "executor-" + pending)).as("pending").isTrue();
        assertThat(kubernetes().podExists(namespace(), "executor-" + unlabelled)).as("not labelled app=integr8s").isTrue();
        assertThat(kubernetes().podExists("someone-else", "executor-" + elsewhere)).as("another namespace").isTrue();
        assertThat(metric("cleanup_deletions_total", "kind=\"pod\"", "outcome=\"deleted\"")).isEqualTo(deletedBefore + 2);
        assertThat(kubernetes().requests("DELETE", "/api/v1/namespaces/" + namespace() + "/pods/executor-" + succeeded))
                .singleElement().satisfies(delete -> assertThat(delete.body()).contains("\"gracePeriodSeconds\":30"));
    }

    @Test
    void deletesOldConfigMapsAndKeepsYoungOnesAndThoseOfARunningPod() {
        String old = newId();
        String young = newId();
        String longRun = newId();
        kubernetes().createPod(namespace(), "executor-" + longRun, ours(longRun), "Running", null);
        // a sweep that listed the pods before the running one existed must not be the one to list the aged ConfigMaps
        awaitOneMoreSweep(sweepsCompleted());
        kubernetes().createConfigMap(namespace(), "script-" + old, ours(old));
        kubernetes().createConfigMap(namespace(), "script-" + young, ours(young));
        kubernetes().createConfigMap(namespace(), "script-" + longRun, ours(longRun));

        kubernetes().nextConfigMapListingCreatedAt(namespace(),
                Map.of("script-" + old, TWO_HOURS_AGO, "script-" + longRun, TWO_HOURS_AGO));
        double sweepsBefore = sweepsCompleted();

        await().atMost(Duration.ofSeconds(20)).until(() -> !kubernetes().configMapExists(namespace(), "script-" + old));
        awaitTwoMoreSweeps(sweepsBefore);
        assertThat(kubernetes().configMapExists(namespace(), "script-" + young)).as("created a moment ago").isTrue();
        assertThat(kubernetes().configMapExists(namespace(), "script-" + longRun)).as("its pod still runs").isTrue();
    }
}
