package org.integr8scode.resultprocessor.cleanup;

import static org.integr8scode.resultprocessor.cleanup.IntegrationLabel.APP;
import static org.integr8scode.resultprocessor.cleanup.IntegrationLabel.APP_VALUE;
import static org.integr8scode.resultprocessor.cleanup.IntegrationLabel.EXECUTION_ID;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Deletes one kind of resource of a batch of executions in one request: a collection delete in the configured
 * namespace, label-selected {@code app=integr8s,execution-id in (<ids>)}, so that the API server itself enforces the
 * labels and a resource already gone costs nothing; pods with the configured grace period. The camel-kubernetes
 * endpoints delete one resource by name, without a grace period: this is the one call they cannot make.
 * <p>
 * The request goes through the fabric8 client (its configuration, credentials, timeouts and errors), as the request
 * its typed {@code delete()} sends; the answer, the list of the resources deleted, is only counted. The typed call
 * would read every deleted pod in full into its model, which was most of the clean-up's CPU.
 * <p>
 * A resource named for an execution but without its {@code execution-id} label is not selected: it is left to the
 * orphan sweep, which judges each resource it lists.
 */
public class LabelledDelete {

    /** How a kind's delete for a batch ended: the resources deleted, and the executions that had none left. */
    public record Count(int deleted, int alreadyGone) {
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final int NOT_FOUND = 404;

    private final KubernetesClient client;
    private final String namespace;
    private final String podDeleteOptions;
    private final String configMapDeleteOptions;

    public LabelledDelete(KubernetesClient client, CleanupScope scope) {
        this.client = client;
        this.namespace = scope.namespace();
        // as fabric8's own delete() sends them: background propagation, and for pods the grace period
        this.podDeleteOptions = client.getKubernetesSerialization().asJson(new DeleteOptionsBuilder()
                .withGracePeriodSeconds(scope.podGracePeriodSeconds()).withPropagationPolicy("Background").build());
        this.configMapDeleteOptions = client.getKubernetesSerialization().asJson(new DeleteOptionsBuilder()
                .withPropagationPolicy("Background").build());
    }

    /** The executions' resources of this kind; ids that make no valid name never reach here ({@link KubernetesNames}). */
    public Count delete(@Variable(CleanupRequest.KIND) ResourceKind kind, @Body List<String> executionIds) {
        if (executionIds.isEmpty()) {
            return new Count(0, 0);
        }
        String selector = APP + "=" + APP_VALUE + "," + EXECUTION_ID + " in (" + String.join(",", executionIds) + ")";
        String collection = "/api/v1/namespaces/" + namespace + switch (kind) {
            case POD -> "/pods";
            case CONFIG_MAP -> "/configmaps";
        };
        String uri = collection + "?labelSelector="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8).replace("+", "%20");
        int deleted;
        try {
            deleted = items(client.raw(uri, "DELETE", kind == ResourceKind.POD ? podDeleteOptions : configMapDeleteOptions));
        } catch (KubernetesClientException e) {
            if (e.getCode() != NOT_FOUND) {
                throw e;
            }
            // as fabric8's typed delete() takes it: nothing there to delete
            deleted = 0;
        }
        return new Count(deleted, Math.max(0, executionIds.size() - deleted));
    }

    /** The number of resources in the answer's {@code items}, read without binding them. */
    static int items(String list) {
        if (list == null || list.isEmpty()) {
            return 0;
        }
        try (JsonParser parser = JSON.createParser(list)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            int items = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        items++;
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException("the API's answer to a delete is not a list", e);
        }
    }
}
