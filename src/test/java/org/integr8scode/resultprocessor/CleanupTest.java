package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.integr8scode.resultprocessor.support.KubernetesApiMock.Request;
import org.integr8scode.resultprocessor.support.KubernetesCleanupTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * Contract §3 on the fabric8 Kubernetes mock (CRUD mode, with the test double's honouring of set-based label
 * selectors): the wire-tapped clean-up of finished executions, one label-selected delete a kind and batch.
 */
class CleanupTest extends KubernetesCleanupTestSupport {

    private static final int GRACE_PERIOD_SECONDS = 7;
    /** Long enough that the time between two attempts is the back-off's, not the requests' own. */
    private static final Duration RETRY_INITIAL_DELAY = Duration.ofMillis(300);

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("cleanup.grace-period-seconds", String.valueOf(GRACE_PERIOD_SECONDS));
        properties.setProperty("cleanup.retry-initial-delay-ms", String.valueOf(RETRY_INITIAL_DELAY.toMillis()));
        // above the second delay, so that the doubling shows
        properties.setProperty("cleanup.retry-max-delay-ms", String.valueOf(RETRY_INITIAL_DELAY.multipliedBy(4).toMillis()));
        return properties;
    }

    private String pods() {
        return "/api/v1/namespaces/" + namespace() + "/pods";
    }

    private String configMaps() {
        return "/api/v1/namespaces/" + namespace() + "/configmaps";
    }

    /** The requests of this method on this collection that select this execution. */
    private List<Request> selecting(String method, String collection, String id) {
        return kubernetes().requests(method, collection).stream().filter(r -> r.path().contains(id)).toList();
    }

    private static String labelSelector(Request request) {
        String query = request.path().substring(request.path().indexOf('?') + 1);
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("labelSelector=")) {
                return URLDecoder.decode(parameter.substring("labelSelector=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private double deletions(String kind, String outcome) {
        return metric("cleanup_deletions_total", "kind=\"" + kind + "\"", "outcome=\"" + outcome + "\"");
    }

    @Test
    void deletesThePodAndConfigMapOfAStoredExecutionInTheConfiguredNamespaceOnly() {
        String id = newExecutionId();
        givenExecution(id);
        kubernetes().createPod(namespace(), "executor-" + id, ours(id));
        kubernetes().createConfigMap(namespace(), "script-" + id, ours(id));
        kubernetes().createPod("someone-else", "executor-" + id, ours(id));

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(kubernetes().podExists(namespace(), "executor-" + id)).isFalse();
            assertThat(kubernetes().configMapExists(namespace(), "script-" + id)).isFalse();
        });
        assertThat(kubernetes().podExists("someone-else", "executor-" + id)).as("another namespace is left alone").isTrue();
        assertThat(result(id)).isNotNull();
        assertThat(deletions("pod", "deleted")).isGreaterThanOrEqualTo(1);
        assertThat(deletions("configmap", "deleted")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aBatchsPodsAreDeletedInOneLabelSelectedRequestWithTheConfiguredGracePeriodAndItsConfigMapsInAnother() {
        List<String> ids = List.of(newExecutionId(), newExecutionId(), newExecutionId());
        for (String id : ids) {
            givenExecution(id);
            kubernetes().createPod(namespace(), "executor-" + id, ours(id));
            kubernetes().createConfigMap(namespace(), "script-" + id, ours(id));
        }

        ids.forEach(id -> publish(completedTopic, TestEvents.completed(id, 0, "", "")));

        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().noneMatch(id ->
                kubernetes().podExists(namespace(), "executor-" + id) || kubernetes().configMapExists(namespace(), "script-" + id)));
        List<Request> podDeletes = ids.stream().flatMap(id -> selecting("DELETE", pods(), id).stream()).distinct().toList();
        assertThat(podDeletes).as("one request a batch, and the three may have come in up to three batches")
                .hasSizeBetween(1, ids.size());
        assertThat(podDeletes).allSatisfy(delete -> {
            assertThat(labelSelector(delete)).matches("app=integr8s,execution-id in \\([a-z0-9,-]+\\)");
            assertThat(delete.body()).contains("\"gracePeriodSeconds\":" + GRACE_PERIOD_SECONDS);
        });
        assertThat(podDeletes.stream().mapToInt(delete -> labelSelector(delete).split(",").length - 1).sum())
                .as("each execution selected once").isEqualTo(ids.size());
        assertThat(kubernetes().requests("DELETE", pods()).stream().map(Request::path))
                .as("never a pod by name").allMatch(path -> path.startsWith(pods() + "?"));
        assertThat(ids.stream().flatMap(id -> selecting("DELETE", configMaps(), id).stream()).distinct().toList())
                .hasSizeBetween(1, ids.size());
    }

    @Test
    void theLabelSelectedDeleteLeavesAnotherExecutionsResourcesTheUnlabelledAndOtherNamespacesAlone() {
        String id = newExecutionId();
        String other = newExecutionId();
        givenExecution(id);
        kubernetes().createPod(namespace(), "executor-" + id, ours(id));
        kubernetes().createPod(namespace(), "executor-" + other, ours(other));
        kubernetes().createConfigMap(namespace(), "script-" + other, ours(other));
        kubernetes().createPod(namespace(), "bystander", Map.of());
        kubernetes().createPod(namespace(), "labelled-for-it-but-not-ours", Map.of("execution-id", id));
        kubernetes().createPod("someone-else", "executor-" + id, ours(id));

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        await().atMost(Duration.ofSeconds(20)).until(() -> !kubernetes().podExists(namespace(), "executor-" + id));
        assertThat(kubernetes().podExists(namespace(), "executor-" + other)).as("another execution's pod").isTrue();
        assertThat(kubernetes().configMapExists(namespace(), "script-" + other)).as("its ConfigMap").isTrue();
        assertThat(kubernetes().podExists(namespace(), "bystander")).as("an unlabelled pod").isTrue();
        assertThat(kubernetes().podExists(namespace(), "labelled-for-it-but-not-ours")).as("without app=integr8s").isTrue();
        assertThat(kubernetes().podExists("someone-else", "executor-" + id)).as("another namespace").isTrue();
    }

    @Test
    void leavesAloneAPodAndConfigMapWithoutTheIntegr8sLabel() {
        String id = newExecutionId();
        givenExecution(id);
        kubernetes().createPod(namespace(), "executor-" + id, Map.of("app", "something-else"));
        kubernetes().createConfigMap(namespace(), "script-" + id, Map.of("app", "integr8s", "execution-id", "another-execution"));
        double nothingBefore = metric("cleanup_deletions_total", "outcome=\"already_gone\"");

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        // the API server selects nothing of ours for the execution: nothing is deleted
        await().atMost(Duration.ofSeconds(20)).until(
                () -> metric("cleanup_deletions_total", "outcome=\"already_gone\"") >= nothingBefore + 2);
        assertThat(kubernetes().podExists(namespace(), "executor-" + id)).isTrue();
        assertThat(kubernetes().configMapExists(namespace(), "script-" + id)).isTrue();
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
        kubernetes().createPod(namespace(), "executor-" + transformed, ours(transformed));
        kubernetes().createConfigMap(namespace(), "script-" + transformed, ours(transformed));
        double refusedBefore = deletions("pod", "refused");

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        await().atMost(Duration.ofSeconds(20)).until(() -> deletions("pod", "refused") >= refusedBefore + 1);
        assertThat(result(id)).as("its result is stored all the same").isNotNull();
        assertThat(kubernetes().podExists(namespace(), "executor-" + transformed)).isTrue();
        assertThat(kubernetes().configMapExists(namespace(), "script-" + transformed)).isTrue();
    }

    @Test
    void anExecutionIdTooLongForAKubernetesNameDeletesNothing() {
        // 64 characters: a valid execution_id, but executor-<id> would be 73, over a DNS-1123 label's 63
        String id = (newExecutionId() + newExecutionId()).replace("-", "").substring(0, 64);
        String cut = id.substring(0, 63 - "executor-".length());
        givenExecution(id);
        // the mock does not check names: these stand for what a careless cut would hit
        kubernetes().createPod(namespace(), "executor-" + cut, ours(cut));
        kubernetes().createPod(namespace(), "executor-" + id, ours(id));
        double refusedBefore = deletions("pod", "refused");

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        await().atMost(Duration.ofSeconds(20)).until(() -> deletions("pod", "refused") >= refusedBefore + 1);
        assertThat(result(id)).isNotNull();
        assertThat(kubernetes().podExists(namespace(), "executor-" + cut)).isTrue();
        assertThat(kubernetes().podExists(namespace(), "executor-" + id)).isTrue();
    }

    @Test
    void anIdOneCharacterTooLongForItsPodNameLeavesItsConfigMapAloneToo() {
        // 55 characters: script-<id> would be 62, a valid name, but executor-<id> 64: no such execution can have run
        String id = (newExecutionId() + newExecutionId()).replace("-", "").substring(0, 55);
        givenExecution(id);
        kubernetes().createConfigMap(namespace(), "script-" + id, ours(id));
        double podsRefusedBefore = deletions("pod", "refused");
        double configMapsRefusedBefore = deletions("configmap", "refused");

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        await().atMost(Duration.ofSeconds(20)).until(() -> deletions("pod", "refused") >= podsRefusedBefore + 1
                && deletions("configmap", "refused") >= configMapsRefusedBefore + 1);
        assertThat(result(id)).isNotNull();
        assertThat(selecting("DELETE", configMaps(), id)).as("not even named in a request").isEmpty();
        assertThat(kubernetes().configMapExists(namespace(), "script-" + id)).isTrue();
    }

    private static Duration between(Request earlier, Request later) {
        return Duration.ofNanos(later.receivedAtNanos() - earlier.receivedAtNanos());
    }

    @Test
    void aDeleteThatFailsTwiceIsTriedAgainAfterADoublingDelayUntilThePodIsGone() {
        String id = newExecutionId();
        givenExecution(id);
        kubernetes().createPod(namespace(), "executor-" + id, ours(id));
        kubernetes().failNext("DELETE", pods(), 500, 2);
        double failedBefore = deletions("pod", "failed");

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        await().atMost(Duration.ofSeconds(20)).until(() -> !kubernetes().podExists(namespace(), "executor-" + id));
        List<Request> deletes = selecting("DELETE", pods(), id);
        assertThat(deletes).hasSize(3);
        assertThat(deletions("pod", "failed")).isEqualTo(failedBefore);
        // lower bounds only: a slow machine lengthens the time between attempts, never shortens it
        Duration firstWait = between(deletes.get(0), deletes.get(1));
        Duration secondWait = between(deletes.get(1), deletes.get(2));
        assertThat(firstWait).as("first wait").isGreaterThanOrEqualTo(RETRY_INITIAL_DELAY);
        assertThat(secondWait).as("second wait, after a first of %d ms", firstWait.toMillis())
                .isGreaterThanOrEqualTo(RETRY_INITIAL_DELAY.multipliedBy(2));
    }

    @Test
    void aDeleteTheApiForbidsIsCountedAsFailedAndNotTriedAgainWhileTheConfigMapIsStillDeleted() {
        String id = newExecutionId();
        givenExecution(id);
        kubernetes().createPod(namespace(), "executor-" + id, ours(id));
        kubernetes().createConfigMap(namespace(), "script-" + id, ours(id));
        kubernetes().failNext("DELETE", pods(), 403, 1);
        double failedBefore = deletions("pod", "failed");

        publish(completedTopic, TestEvents.completed(id, 0, "", ""));

        await().atMost(Duration.ofSeconds(20)).until(() -> deletions("pod", "failed") >= failedBefore + 1
                && !kubernetes().configMapExists(namespace(), "script-" + id));
        // a second try would have reached the store, which deletes
        assertThat(kubernetes().podExists(namespace(), "executor-" + id)).isTrue();
        assertThat(selecting("DELETE", pods(), id)).hasSize(1);
    }
}
