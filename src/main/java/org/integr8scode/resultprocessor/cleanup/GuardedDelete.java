package org.integr8scode.resultprocessor.cleanup;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.extension.ExtensibleResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes one orphan the sweep listed, and only what the clean-up may delete: in the configured namespace, labelled
 * {@code app=integr8s} (and {@code execution-id=<id>} where present), and only the version that was judged. The
 * delete carries the listed resourceVersion as a precondition, so a resource replaced or changed in between is not
 * removed: the API answers 409 Conflict, and the next sweep judges it again. Pods are deleted with the configured
 * grace period. The camel-kubernetes endpoints delete by name without a precondition or a grace period: this is
 * the one call they cannot make.
 */
public class GuardedDelete {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedDelete.class);

    private final KubernetesClient client;
    private final String namespace;
    private final long podGracePeriodSeconds;

    public GuardedDelete(KubernetesClient client, CleanupScope scope) {
        this.client = client;
        this.namespace = scope.namespace();
        this.podGracePeriodSeconds = scope.podGracePeriodSeconds();
    }

    /** A resource the sweep listed and judged an orphan: deleted as it was listed, or not at all. */
    public DeletionOutcome listed(HasMetadata resource) {
        ResourceKind kind = ResourceKind.of(resource);
        String name = resource.getMetadata().getName();
        String executionId = kind.executionIdIn(name);
        String listedIn = resource.getMetadata().getNamespace();
        if (executionId == null || !IntegrationLabel.isOurs(resource, executionId)
                || (listedIn != null && !listedIn.equals(namespace))) {
            LOG.warn("{} {}/{} is not one of ours: left alone", kind.getTag(), listedIn, name);
            return DeletionOutcome.REFUSED;
        }
        return deleteAsJudged(kind, named(kind, name), resource);
    }

    private Resource<? extends HasMetadata> named(ResourceKind kind, String name) {
        return switch (kind) {
            case POD -> client.pods().inNamespace(namespace).withName(name);
            case CONFIG_MAP -> client.configMaps().inNamespace(namespace).withName(name);
        };
    }

    private DeletionOutcome deleteAsJudged(ResourceKind kind, Resource<? extends HasMetadata> named, HasMetadata judged) {
        String resourceVersion = judged.getMetadata().getResourceVersion();
        if (resourceVersion == null || resourceVersion.isBlank()) {
            // the API always sets one; without it the delete could not be guarded
            LOG.warn("{} {} carries no resourceVersion: left alone", kind.getTag(), judged.getMetadata().getName());
            return DeletionOutcome.REFUSED;
        }
        ExtensibleResource<? extends HasMetadata> exactly = extensible(named).lockResourceVersion(resourceVersion);
        if (kind == ResourceKind.POD) {
            exactly = exactly.withGracePeriod(podGracePeriodSeconds);
        }
        // fabric8 answers an empty list when the API says 404: gone already, which counts as deleted
        return exactly.delete().isEmpty() ? DeletionOutcome.ALREADY_GONE : DeletionOutcome.DELETED;
    }

    /**
     * fabric8's typed DSL offers the grace period and the resourceVersion lock on separate branches; its
     * operations implement both through {@link ExtensibleResource}.
     */
    private static ExtensibleResource<? extends HasMetadata> extensible(Resource<? extends HasMetadata> named) {
        if (named instanceof ExtensibleResource<? extends HasMetadata> extensible) {
            return extensible;
        }
        throw new IllegalStateException("this fabric8 client cannot guard a delete: " + named.getClass());
    }
}
