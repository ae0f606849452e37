package org.integr8scode.resultprocessor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integr8scode.resultprocessor.deploy.Manifests.one;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

/**
 * deploy/ (rbac.yaml, as kustomize renders it) grants the processor's account exactly what the clean-up and the
 * orphan sweep use, on pods and ConfigMaps, in the namespace the clean-up is configured for, and nothing else.
 */
class RbacManifestTest {

    /**
     * The verbs the clean-up (deletecollection: one label-selected delete a kind and batch) and the sweep (list by
     * label; delete an orphan by name, with its resourceVersion) call. The one place to change when they call another.
     */
    static final List<String> VERBS_USED = List.of("list", "delete", "deletecollection");

    /** Where docs/cleanup.md says what the Role grants (docs/deployment.md points at rbac.yaml instead). */
    private static final Pattern DOCUMENTED_GRANT = Pattern.compile("grants the ServiceAccount `result-processor` only (.+?) on `pods`",
            Pattern.DOTALL);

    private final List<HasMetadata> objects = Manifests.render(Manifests.DEPLOY);

    @Test
    void theProcessorsAccountIsBoundToARoleOnPodsAndConfigMapsOfTheCleanUpsNamespaceOnly() {
        Role role = one(objects, Role.class);
        assertThat(role.getRules()).singleElement().satisfies((PolicyRule rule) -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactlyInAnyOrder("pods", "configmaps");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrderElementsOf(VERBS_USED);
            assertThat(rule.getResourceNames()).isEmpty();
        });
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("ClusterRole", "ClusterRoleBinding");

        String cleanupNamespace = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().startsWith("result-processor-settings-")).findFirst()
                .orElseThrow().getData().get("K8S_NAMESPACE");
        assertThat(role.getMetadata().getNamespace()).isEqualTo(cleanupNamespace);

        RoleBinding binding = one(objects, RoleBinding.class);
        ServiceAccount account = one(objects, ServiceAccount.class);
        assertThat(binding.getMetadata().getNamespace()).isEqualTo(cleanupNamespace);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(account.getMetadata().getName());
            assertThat(subject.getNamespace()).isEqualTo(account.getMetadata().getNamespace());
        });
        Deployment deployment = one(objects, Deployment.class);
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(account.getMetadata().getName());
    }

    @Test
    void theCleanUpsDocumentationNamesTheVerbsTheRoleGrants() {
        Matcher grant = DOCUMENTED_GRANT.matcher(Manifests.read(Path.of("docs", "cleanup.md")));
        assertThat(grant.find()).as("docs/cleanup.md: " + DOCUMENTED_GRANT.pattern()).isTrue();
        List<String> documented = Pattern.compile("`([a-z]+)`").matcher(grant.group(1)).results()
                .map(verb -> verb.group(1)).toList();

        assertThat(documented).containsExactlyInAnyOrderElementsOf(VERBS_USED);
    }
}
