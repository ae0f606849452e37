package org.integr8scode.resultprocessor.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which execution ids may name a pod and a ConfigMap (DNS-1123 labels, at most 63 characters). */
class KubernetesNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"3f0c8a52-7d1e-4b9a-8c3f-5e2d1a0b9c77", "a", "abc-123"})
    void lowerCaseIdsThatFitMakeNames(String executionId) {
        assertThat(KubernetesNames.isValidFor(executionId)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "with_underscore", "ends-with-dash-", "-", "",
            "0123456789012345678901234567890123456789012345678901234567"})
    void othersAreNeverUsedForOne(String executionId) {
        assertThat(KubernetesNames.isValidFor(executionId)).isFalse();
    }
}
