package org.integr8scode.resultprocessor.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

/**
 * deploy/rbac.yaml grants on pods and ConfigMaps in one namespace exactly what the clean-up and the sweep use:
 * deletecollection (the clean-up's label-selected delete), list and delete (the sweep); nothing else.
 */
class RbacManifestTest {

    private static List<HasMetadata> manifest() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("deploy", "rbac.yaml"));
                KubernetesClient client = new KubernetesClientBuilder().build()) {
            return client.load(in).items();
        }
    }

    @Test
    void aServiceAccountBoundToANamespacedRoleThatOnlyListsAndDeletesPodsAndConfigMaps() throws IOException {
        List<HasMetadata> resources = manifest();

        assertThat(resources).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("ServiceAccount", "Role", "RoleBinding");
        assertThat(resources).allSatisfy(resource ->
                assertThat(resource.getMetadata().getNamespace()).isEqualTo("integr8scode"));
        Role role = (Role) resources.stream().filter(Role.class::isInstance).findFirst().orElseThrow();
        assertThat(role.getRules()).singleElement().satisfies((PolicyRule rule) -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactlyInAnyOrder("pods", "configmaps");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("list", "delete", "deletecollection");
            assertThat(rule.getResourceNames()).isEmpty();
        });
        RoleBinding binding = (RoleBinding) resources.stream().filter(RoleBinding.class::isInstance).findFirst().orElseThrow();
        ServiceAccount account = (ServiceAccount) resources.stream().filter(ServiceAccount.class::isInstance).findFirst().orElseThrow();
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(account.getMetadata().getName());
            assertThat(subject.getNamespace()).isEqualTo("integr8scode");
        });
    }
}
