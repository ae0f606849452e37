package org.integr8scode.resultprocessor.cleanup;

import static org.integr8scode.resultprocessor.cleanup.IntegrationLabel.APP;
import static org.integr8scode.resultprocessor.cleanup.IntegrationLabel.APP_VALUE;
import static org.integr8scode.resultprocessor.cleanup.IntegrationLabel.EXECUTION_ID;

import java.util.List;

import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Deletes one kind of resource of a batch of executions in one request: a collection delete in the configured
 * namespace, label-selected {@code app=integr8s,execution-id in (<ids>)}, so that the API server itself enforces the
 * labels and a resource already gone costs nothing; pods with the configured grace period. The camel-kubernetes
 * endpoints delete one resource by name, without a grace period: this is the one call they cannot make.
 * <p>
 * A resource named for an execution but without its {@code execution-id} label is not selected: it is left to the
 * orphan sweep, which judges each resource it lists.
 */
public class LabelledDelete {

    /** How a kind's delete for a batch ended: the resources deleted, and the executions that had none left. */
    public record Count(int deleted, int alreadyGone) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final long podGracePeriodSeconds;

    public LabelledDelete(KubernetesClient client, CleanupScope scope) {
        this.client = client;
        this.namespace = scope.namespace();
        this.podGracePeriodSeconds = scope.podGracePeriodSeconds();
    }

    /** The executions' resources of this kind; ids that make no valid name never reach here ({@link KubernetesNames}). */
    public Count delete(@ExchangeProperty(CleanupRequest.KIND) ResourceKind kind, @Body List<String> executionIds) {
        if (executionIds.isEmpty()) {
            return new Count(0, 0);
        }
        String[] ids = executionIds.toArray(String[]::new);
        List<StatusDetails> deleted = switch (kind) {
            case POD -> client.pods().inNamespace(namespace).withLabel(APP, APP_VALUE).withLabelIn(EXECUTION_ID, ids)
                    .withGracePeriod(podGracePeriodSeconds).delete();
            case CONFIG_MAP -> client.configMaps().inNamespace(namespace).withLabel(APP, APP_VALUE)
                    .withLabelIn(EXECUTION_ID, ids).delete();
        };
        return new Count(deleted.size(), Math.max(0, ids.length - deleted.size()));
    }
}
