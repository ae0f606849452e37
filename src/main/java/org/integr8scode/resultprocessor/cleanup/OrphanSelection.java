package org.integr8scode.resultprocessor.cleanup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import org.apache.camel.Variable;

/**
 * What the sweep deletes, of what it listed: the leftovers of executions whose event was missed.
 * <ul>
 * <li>Our pods ({@code executor-<id>}, labelled {@code app=integr8s}) in phase Succeeded or Failed, finished at
 * least the minimum age ago: the age leaves the pod monitor time to read a finished pod's output. A pod that has
 * not finished (Pending, Running, Unknown) is never an orphan, however old.</li>
 * <li>Our ConfigMaps ({@code script-<id>}) created at least the minimum age ago, unless their execution's pod is
 * still pending or running.</li>
 * </ul>
 */
public class OrphanSelection {

    private static final Set<String> FINISHED_PHASES = Set.of("Succeeded", "Failed");

    private final String namespace;
    private final Duration minimumAge;
    private final Clock clock;

    public OrphanSelection(String namespace, Duration minimumAge, Clock clock) {
        this.namespace = namespace;
        this.minimumAge = minimumAge;
        this.clock = clock;
    }

    public List<HasMetadata> select(@Variable("pods") List<Pod> pods, @Variable("configMaps") List<ConfigMap> configMaps) {
        Instant cutOff = clock.instant().minus(minimumAge);
        Set<String> unfinishedExecutions = pods.stream()
                .filter(pod -> !isFinished(pod))
                .map(pod -> ResourceKind.POD.executionIdIn(pod.getMetadata().getName()))
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<HasMetadata> orphans = new ArrayList<>();
        for (Pod pod : pods) {
            if (isOurs(ResourceKind.POD, pod) && isFinished(pod) && !finishedAt(pod).isAfter(cutOff)) {
                orphans.add(pod);
            }
        }
        for (ConfigMap configMap : configMaps) {
            if (isOurs(ResourceKind.CONFIG_MAP, configMap) && !createdAt(configMap).isAfter(cutOff)
                    && !unfinishedExecutions.contains(ResourceKind.CONFIG_MAP.executionIdIn(configMap.getMetadata().getName()))) {
                orphans.add(configMap);
            }
        }
        return orphans;
    }

    private boolean isOurs(ResourceKind kind, HasMetadata resource) {
        String listedIn = resource.getMetadata().getNamespace();
        String executionId = kind.executionIdIn(resource.getMetadata().getName());
        return (listedIn == null || listedIn.equals(namespace))
                && executionId != null && IntegrationLabel.isOurs(resource, executionId);
    }

    private static boolean isFinished(Pod pod) {
        return pod.getStatus() != null && FINISHED_PHASES.contains(pod.getStatus().getPhase());
    }

    /** When its last container stopped; the creation time where no container ever ran (e.g. evicted early). */
    private static Instant finishedAt(Pod pod) {
        Instant latest = null;
        for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
            if (container.getState() != null && container.getState().getTerminated() != null) {
                Instant finished = instant(container.getState().getTerminated().getFinishedAt());
                if (latest == null || finished.isAfter(latest)) {
                    latest = finished;
                }
            }
        }
        return latest != null ? latest : createdAt(pod);
    }

    private static Instant createdAt(HasMetadata resource) {
        return instant(resource.getMetadata().getCreationTimestamp());
    }

    /** A time the API did not give, or gave in a form not understood, is taken as the far future: never old enough. */
    private static Instant instant(String timestamp) {
        if (timestamp == null) {
            return Instant.MAX;
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.MAX;
        }
    }
}
