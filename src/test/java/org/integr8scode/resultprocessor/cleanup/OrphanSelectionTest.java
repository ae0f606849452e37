package org.integr8scode.resultprocessor.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integr8scode.resultprocessor.support.KubernetesCleanupTestSupport.ours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** Which listed pods and ConfigMaps the sweep deletes, an hour being the minimum age. */
class OrphanSelectionTest {

    private static final Instant NOW = Instant.parse("2026-03-06T12:00:00Z");
    private static final Instant TWO_HOURS_AGO = NOW.minus(Duration.ofHours(2));
    private static final Instant A_MINUTE_AGO = NOW.minus(Duration.ofMinutes(1));
    private static final String NAMESPACE = "executors";

    private final OrphanSelection selection =
            new OrphanSelection(NAMESPACE, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Pod pod(String name, Map<String, String> labels, String phase, Instant created, Instant... finished) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).withLabels(labels)
                .withCreationTimestamp(created.toString()).endMetadata();
        var status = pod.withNewStatus().withPhase(phase);
        for (Instant finishedAt : finished) {
            status.addNewContainerStatus().withName("c" + finishedAt.getEpochSecond()).withNewState().withNewTerminated()
                    .withFinishedAt(finishedAt.toString()).endTerminated().endState().endContainerStatus();
        }
        return status.endStatus().build();
    }

    private static ConfigMap configMap(String name, Map<String, String> labels, Instant created) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).withLabels(labels)
                .withCreationTimestamp(created.toString()).endMetadata().build();
    }

    private List<String> names(List<Pod> pods, List<ConfigMap> configMaps) {
        return selection.select(pods, configMaps).stream().map(HasMetadata::getMetadata).map(m -> m.getName()).toList();
    }

    @Test
    void podsThatFinishedAtLeastTheMinimumAgeAgoAreOrphans() {
        assertThat(names(List.of(
                pod("executor-succeeded", ours("succeeded"), "Succeeded", TWO_HOURS_AGO, TWO_HOURS_AGO),
                pod("executor-failed", ours("failed"), "Failed", TWO_HOURS_AGO, TWO_HOURS_AGO),
                pod("executor-just-finished", ours("just-finished"), "Succeeded", TWO_HOURS_AGO, A_MINUTE_AGO)),
                List.of()))
                .containsExactlyInAnyOrder("executor-succeeded", "executor-failed");
    }

    @Test
    void aPodFinishesWhenItsLastContainerDoesOrWithoutAnyWhenItWasCreated() {
        assertThat(names(List.of(
                pod("executor-sidecar-late", ours("sidecar-late"), "Succeeded", TWO_HOURS_AGO, TWO_HOURS_AGO, A_MINUTE_AGO),
                pod("executor-evicted-early", ours("evicted-early"), "Failed", TWO_HOURS_AGO)),
                List.of()))
                .containsExactly("executor-evicted-early");
    }

    @Test
    void aPodThatHasNotFinishedIsNeverAnOrphanHoweverOld() {
        assertThat(names(List.of(
                pod("executor-running", ours("running"), "Running", TWO_HOURS_AGO),
                pod("executor-pending", ours("pending"), "Pending", TWO_HOURS_AGO),
                pod("executor-unknown", ours("unknown"), "Unknown", TWO_HOURS_AGO)),
                List.of()))
                .isEmpty();
    }

    @Test
    void onlyOurOwnPodsAreOrphans() {
        assertThat(names(List.of(
                pod("executor-unlabelled", Map.of("app", "other"), "Succeeded", TWO_HOURS_AGO, TWO_HOURS_AGO),
                pod("executor-mislabelled", ours("another-execution"), "Succeeded", TWO_HOURS_AGO, TWO_HOURS_AGO),
                pod("pod-monitor-job", ours("monitor"), "Succeeded", TWO_HOURS_AGO, TWO_HOURS_AGO),
                new PodBuilder(pod("executor-elsewhere", ours("elsewhere"), "Succeeded", TWO_HOURS_AGO, TWO_HOURS_AGO))
                        .editMetadata().withNamespace("someone-else").endMetadata().build()),
                List.of()))
                .isEmpty();
    }

    @Test
    void configMapsCreatedAtLeastTheMinimumAgeAgoAreOrphansUnlessTheirPodStillRuns() {
        assertThat(names(
                List.of(pod("executor-long-run", ours("long-run"), "Running", TWO_HOURS_AGO)),
                List.of(configMap("script-old", ours("old"), TWO_HOURS_AGO),
                        configMap("script-young", ours("young"), A_MINUTE_AGO),
                        configMap("script-long-run", ours("long-run"), TWO_HOURS_AGO),
                        configMap("script-unlabelled", Map.of(), TWO_HOURS_AGO),
                        configMap("settings", Map.of("app", "integr8s"), TWO_HOURS_AGO))))
                .containsExactly("script-old");
    }

    @Test
    void aTimeTheApiDidNotGiveIsNeverOldEnough() {
        Pod noTimes = new PodBuilder().withNewMetadata().withName("executor-no-times").withNamespace(NAMESPACE)
                .withLabels(ours("no-times")).endMetadata().withNewStatus().withPhase("Succeeded").endStatus().build();
        ConfigMap badTime = configMap("script-bad-time", ours("bad-time"), NOW);
        badTime.getMetadata().setCreationTimestamp("yesterday");
        assertThat(names(List.of(noTimes), List.of(badTime))).isEmpty();
    }
}
