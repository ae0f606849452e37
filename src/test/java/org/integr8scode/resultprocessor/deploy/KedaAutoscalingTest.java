package org.integr8scode.resultprocessor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integr8scode.resultprocessor.deploy.Manifests.one;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

/**
 * deploy/components/keda-autoscaling, rendered as an operator switches it on (an overlay naming deploy/ and the
 * component): a KEDA ScaledObject that scales the processor's own Deployment on the lag of the consumer group and
 * brokers settings.env names, on exactly the three input topics, between a minimum a drain cannot empty and the
 * partition count.
 */
class KedaAutoscalingTest {

    /** The input topics' partition count the component assumes (deploy/components/keda-autoscaling/scaledobject.yaml). */
    private static final int PARTITIONS = 3;

    private final List<HasMetadata> objects = Manifests.render(overlay());
    private final Deployment deployment = one(objects, Deployment.class);
    private final GenericKubernetesResource scaledObject = scaledObject();
    private final Map<String, String> settings = settingsEnv();

    @Test
    void theScaledObjectScalesTheProcessorsDeploymentWhichLeavesTheReplicaCountToIt() {
        assertThat(scaledObject.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat(scaledObject.<String>get("spec", "scaleTargetRef", "name")).isEqualTo(deployment.getMetadata().getName());
        assertThat(scaledObject.getMetadata().getNamespace()).isEqualTo(deployment.getMetadata().getNamespace());
        assertThat(deployment.getSpec().getReplicas())
                .as("a replica count in the Deployment would be put back by every apply, undoing the autoscaler's")
                .isNull();
        assertThat(objects).as("the base and the ScaledObject").hasSize(Manifests.render(Manifests.DEPLOY).size() + 1);
    }

    @Test
    void itReadsTheLagOfTheProcessorsGroupOnExactlyTheThreeInputTopicsAsConfigured() {
        List<Map<String, String>> triggers = triggers();

        assertThat(triggers).extracting(trigger -> trigger.get("topic")).containsExactlyInAnyOrder(
                configured("TOPIC_EXECUTION_COMPLETED"), configured("TOPIC_EXECUTION_FAILED"),
                configured("TOPIC_EXECUTION_TIMEOUT"));
        assertThat(triggers).allSatisfy(trigger -> {
            assertThat(trigger.get("bootstrapServers")).isEqualTo(settings.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertThat(trigger.get("consumerGroup")).isEqualTo(settings.get("KAFKA_CONSUMER_GROUP"));
            // a partition the group never committed on counts as the consumer would read it
            assertThat(trigger.get("offsetResetPolicy")).isEqualTo(configured("KAFKA_AUTO_OFFSET_RESET"));
            assertThat(trigger.get("allowIdleConsumers")).isEqualTo("false");
            assertThat(Integer.parseInt(trigger.get("lagThreshold"))).isPositive();
        });
    }

    @Test
    void itGrowsUpToThePartitionCountAndADrainAtTheMinimumLeavesAnInstanceConsuming() {
        int min = scaledObject.<Number>get("spec", "minReplicaCount").intValue();
        int max = scaledObject.<Number>get("spec", "maxReplicaCount").intValue();
        PodDisruptionBudget budget = one(objects, PodDisruptionBudget.class);

        assertThat(max).as("more instances than partitions idle").isEqualTo(PARTITIONS);
        assertThat(min).isBetween(1, max);
        assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        for (int replicas = min; replicas <= max; replicas++) {
            int evictable = evictable(budget, replicas);
            assertThat(evictable).as("a drain at %d replicas can evict", replicas).isGreaterThanOrEqualTo(1);
            assertThat(replicas - evictable).as("left consuming during a drain at %d replicas", replicas)
                    .isGreaterThanOrEqualTo(1);
        }
    }

    /** How many of so many ready instances the budget lets a drain evict at once. */
    private static int evictable(PodDisruptionBudget budget, int replicas) {
        IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        if (maxUnavailable != null) {
            return Math.min(replicas, whole(maxUnavailable));
        }
        return Math.max(0, replicas - whole(minAvailable));
    }

    private static int whole(IntOrString value) {
        assertThat(value).as("the budget as a number of instances").isNotNull();
        assertThat(value.getIntVal()).as("the budget as a number of instances, not a percentage").isNotNull();
        return value.getIntVal();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, String>> triggers() {
        List<Map<String, Object>> triggers = scaledObject.get("spec", "triggers");
        assertThat(triggers).extracting(trigger -> trigger.get("type")).containsOnly("kafka");
        return triggers.stream().map(trigger -> (Map<String, String>) trigger.get("metadata")).toList();
    }

    /** settings.env's value of a variable, else the application's default (settings.env sets the ones it changes). */
    private String configured(String variable) {
        return settings.getOrDefault(variable, Manifests.applicationDefaults().get(variable));
    }

    private GenericKubernetesResource scaledObject() {
        List<GenericKubernetesResource> found = objects.stream().filter(o -> "ScaledObject".equals(o.getKind()))
                .map(GenericKubernetesResource.class::cast).toList();
        assertThat(found).as("the component's ScaledObject").hasSize(1);
        return found.get(0);
    }

    /** deploy/settings.env as the operator edits it: VARIABLE=value lines, # comments. */
    private static Map<String, String> settingsEnv() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Manifests.read(Manifests.DEPLOY.resolve("settings.env")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                settings.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
            }
        }
        return settings;
    }

    /** An overlay outside deploy/, as an operator writes one (kustomize refuses a root inside another). */
    private static Path overlay() {
        Path overlay = Path.of("target", "kustomize-with-keda-autoscaling");
        try {
            Files.createDirectories(overlay);
            Files.writeString(overlay.resolve("kustomization.yaml"),
                    "resources:\n  - ../../deploy\ncomponents:\n  - ../../deploy/components/keda-autoscaling\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return overlay;
    }
}
