package org.integr8scode.resultprocessor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integr8scode.resultprocessor.deploy.Manifests.one;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import org.junit.jupiter.api.Test;

/**
 * deploy/ as kustomize renders it, checked against the code: the probes ask what Camel serves, every variable set
 * is one the application reads, the routes are this checkout's, the pod runs under the restricted pod security
 * standard, and the heap, the memory limit and the grace period agree with the image and the settings.
 */
class DeploymentManifestTest {

    /** The secret settings (docs/security.md), each from its optional Secret, so never in the settings ConfigMap. */
    private static final Map<String, String> SECRETS = Map.of(
            "MONGODB_USERNAME", "result-processor-mongodb", "MONGODB_PASSWORD", "result-processor-mongodb",
            "KAFKA_SASL_JAAS_CONFIG", "result-processor-kafka", "KAFKA_SSL_TRUSTSTORE_PASSWORD", "result-processor-kafka",
            "KAFKA_SSL_KEYSTORE_PASSWORD", "result-processor-kafka");

    /** The peak resident memory of the jar, a backlog of large outputs (LargeOutputsIT), docs/deployment.md. */
    private static final long MEASURED_PEAK_RSS_MIB = 409;
    private static final long MEASURED_WITH_HEAP_MIB = 256;

    private final List<HasMetadata> objects = Manifests.render(Manifests.DEPLOY);
    private final Deployment deployment = one(objects, Deployment.class);
    private final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    private final Container container = pod.getContainers().get(0);

    @Test
    void theBaseHoldsTheProcessorItsAccessAndItsConfigurationInOneNamespace() {
        assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("ServiceAccount", "Role",
                "RoleBinding", "ConfigMap", "ConfigMap", "Service", "Deployment", "PodDisruptionBudget");
        assertThat(objects).extracting(object -> object.getMetadata().getNamespace()).containsOnly("integr8scode");
        assertThat(pod.getContainers()).hasSize(1);
    }

    @Test
    void theProbesAskWhatCamelServesOnThePortTheApplicationListensOn() {
        String health = Manifests.applicationProperty("camel.management.health-path");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo(health);
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo(health + "/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo(health + "/ready");
        for (var probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        }
        int port = Integer.parseInt(setting("HTTP_PORT"));
        assertThat(container.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(port);
        });
        assertThat(Manifests.applicationProperty("camel.management.port")).startsWith("{{env:HTTP_PORT:");
        Service service = one(objects, Service.class);
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getPort()).isEqualTo(8080);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
        });
    }

    @Test
    void sigkillComesOnlyAfterCamelsShutdownTimeout() {
        int shutdownTimeout = Integer.parseInt(setting("SHUTDOWN_TIMEOUT_SECONDS"));
        assertThat(Manifests.applicationProperty("camel.main.shutdown-timeout")).startsWith("{{env:SHUTDOWN_TIMEOUT_SECONDS:");
        // the JVM's exit (the clients closing) comes after Camel's shutdown: a margin, not equality
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(shutdownTimeout + 10L);
    }

    @Test
    void everyVariableSetIsOneTheApplicationReads() {
        Set<String> set = new TreeSet<>(settings().keySet());
        container.getEnv().forEach(variable -> set.add(variable.getName()));
        Set<String> read = new HashSet<>(Manifests.variablesTheApplicationReads());
        // JAVA_OPTS is read by the image's entrypoint
        assertThat(Manifests.dockerfile("ENTRYPOINT")).contains("$JAVA_OPTS");
        read.add("JAVA_OPTS");
        assertThat(set).isSubsetOf(read);
        // the settings ConfigMap is all the container's environment, with the secrets and JAVA_OPTS
        assertThat(container.getEnvFrom()).singleElement()
                .satisfies(from -> assertThat(from.getConfigMapRef().getName()).isEqualTo(settingsConfigMap().getMetadata().getName()));
    }

    @Test
    void secretsComeFromOptionalSecretsAndNeverFromTheSettings() {
        SECRETS.forEach((name, secret) -> {
            EnvVar variable = container.getEnv().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
            assertThat(variable.getValue()).isNull();
            assertThat(variable.getValueFrom().getSecretKeyRef().getName()).as(name).isEqualTo(secret);
            assertThat(variable.getValueFrom().getSecretKeyRef().getOptional()).as(name).isTrue();
        });
        assertThat(settings()).doesNotContainKeys(SECRETS.keySet().toArray(String[]::new));
        assertThat(settings().get("MONGODB_URL")).as("no user or password in the URL").doesNotContain("@");
    }

    @Test
    void theRoutesConfigMapHoldsTodaysRoutesFilesMountedWhereTheImageReadsThem() {
        ConfigMap routes = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().startsWith("result-processor-routes-")).findFirst().orElseThrow();
        assertThat(routes.getData()).isEqualTo(Manifests.routesFiles());

        Volume volume = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null
                && v.getConfigMap().getName().equals(routes.getMetadata().getName())).findFirst().orElseThrow();
        VolumeMount mount = mountOf(volume.getName());
        // camel-main reads file:routes/*.camel.yaml relative to the image's working directory
        assertThat(Manifests.applicationDefaults().get("ROUTES_INCLUDE_PATTERN")).isEqualTo("file:routes/*.camel.yaml");
        assertThat(settings()).doesNotContainKey("ROUTES_INCLUDE_PATTERN");
        assertThat(mount.getMountPath()).isEqualTo(Manifests.dockerfile("WORKDIR") + "/routes");
        assertThat(Manifests.dockerfile("COPY routes/*.camel.yaml")).isEqualTo(mount.getMountPath() + "/");
        assertThat(mount.getReadOnly()).isTrue();
    }

    @Test
    void thePodMeetsTheRestrictedPodSecurityStandardAndWritesOnlyToTmp() {
        var podSecurity = pod.getSecurityContext();
        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isPositive();
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(Manifests.dockerfile("USER")).isEqualTo(podSecurity.getRunAsUser() + ":" + podSecurity.getRunAsGroup());
        var security = container.getSecurityContext();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());

        // the one writable place: an emptyDir on /tmp (the JVM's temporary directory)
        List<VolumeMount> writable = container.getVolumeMounts().stream().filter(m -> !Boolean.TRUE.equals(m.getReadOnly())).toList();
        assertThat(writable).singleElement().satisfies(m -> {
            assertThat(m.getMountPath()).isEqualTo("/tmp");
            assertThat(volume(m.getName()).getEmptyDir()).isNotNull();
        });
    }

    @Test
    void theHeapIsTheImagesAndFitsTheMemoryLimitWhichIsAlsoTheRequest() {
        String javaOptions = container.getEnv().stream().filter(v -> v.getName().equals("JAVA_OPTS")).findFirst()
                .orElseThrow().getValue();
        // the options the memory was measured with (docs/deployment.md) are the image's
        assertThat(Manifests.dockerfile("ENV JAVA_OPTS")).isEqualTo("\"" + javaOptions + "\"");
        assertThat(javaOptions).contains("-XX:+ExitOnOutOfMemoryError");
        long heap = megabytes(javaOptions.replaceAll(".*-Xmx(\\d+)m.*", "$1"));
        Quantity limit = container.getResources().getLimits().get("memory");
        assertThat(container.getResources().getRequests().get("memory")).isEqualTo(limit);
        long limitMiB = Quantity.getAmountInBytes(limit).longValue() >> 20;
        // the JVM needs room beside its heap (classes, code, the collector, threads): what it used at most, measured
        // with these options, plus a margin; a new heap setting needs a new measurement (docs/deployment.md)
        assertThat(heap).isEqualTo(MEASURED_WITH_HEAP_MIB);
        assertThat(limitMiB).isGreaterThanOrEqualTo(MEASURED_PEAK_RSS_MIB + 64);
        assertThat(container.getResources().getRequests()).containsKey("cpu");
    }

    @Test
    void aDrainTakesOneInstanceAtATime() {
        PodDisruptionBudget budget = one(objects, PodDisruptionBudget.class);
        assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(deployment.getSpec().getReplicas()).isGreaterThan(1);
    }

    @Test
    void thePodMonitorComponentScrapesTheMetricsOfEachPod() throws IOException {
        // an overlay outside deploy/, as an operator writes one (kustomize refuses a root inside another)
        Path overlay = Path.of("target", "kustomize-with-pod-monitor");
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"),
                "resources:\n  - ../../deploy\ncomponents:\n  - ../../deploy/components/pod-monitor\n");
        List<HasMetadata> withMonitor = Manifests.render(overlay);
        PodMonitor monitor = one(withMonitor, PodMonitor.class);
        assertThat(monitor.getMetadata().getNamespace()).isEqualTo("integr8scode");
        assertThat(monitor.getSpec().getSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPort()).isEqualTo("http");
            assertThat(endpoint.getPath()).isEqualTo("/observe/metrics");
        });
        assertThat(Manifests.applicationProperty("camel.management.metrics-enabled")).isEqualTo("true");
        assertThat(withMonitor).hasSize(objects.size() + 1);
    }

    /** The settings ConfigMap's value of a variable, else the application's default. */
    private String setting(String name) {
        return settings().getOrDefault(name, Manifests.applicationDefaults().get(name));
    }

    private Map<String, String> settings() {
        return settingsConfigMap().getData();
    }

    private ConfigMap settingsConfigMap() {
        return objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().startsWith("result-processor-settings-")).findFirst().orElseThrow();
    }

    private VolumeMount mountOf(String volume) {
        return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst().orElseThrow();
    }

    private Volume volume(String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static long megabytes(String value) {
        return Long.parseLong(value);
    }
}
