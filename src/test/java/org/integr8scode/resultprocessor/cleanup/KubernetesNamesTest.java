package org.integr8scode.resultprocessor.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which execution ids may name a pod and a ConfigMap (DNS-1123 labels, at most 63 characters). */
class KubernetesNamesTest {

    private static String idOfLength(int length) {
        return "a".repeat(length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f0c8a52-7d1e-4b9a-8c3f-5e2d1a0b9c77", "a", "abc-123"})
    void lowerCaseIdsThatFitMakeNames(String executionId) {
        assertThat(KubernetesNames.isValidFor(executionId)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "with_underscore", "ends-with-dash-", "-starts-with-dash", "-", "",
            "0123456789012345678901234567890123456789012345678901234567"})
    void othersAreNeverUsedForOne(String executionId) {
        assertThat(KubernetesNames.isValidFor(executionId)).isFalse();
    }

    @ParameterizedTest(name = "an id of {0} characters makes a pod name: {1}")
    @CsvSource({"54, true", "55, false"})
    void aPodNameIsExecutorAndTheIdInAtMost63Characters(int idLength, boolean fits) {
        assertThat(KubernetesNames.isDns1123Label(ResourceKind.POD.nameFor(idOfLength(idLength)))).isEqualTo(fits);
    }

    @ParameterizedTest(name = "an id of {0} characters makes a ConfigMap name: {1}")
    @CsvSource({"54, true", "55, true", "56, true", "57, false"})
    void aConfigMapNameIsScriptAndTheIdInAtMost63Characters(int idLength, boolean fits) {
        assertThat(KubernetesNames.isDns1123Label(ResourceKind.CONFIG_MAP.nameFor(idOfLength(idLength))))
                .isEqualTo(fits);
    }

    @Test
    void anIdIsValidOnlyIfItNamesBothItsPodAndItsConfigMap() {
        assertThat(KubernetesNames.isValidFor(idOfLength(54))).as("executor-<id>: 63 characters").isTrue();
        // script-<id> would fit (62), executor-<id> would not (64): no execution can have had that pod
        assertThat(KubernetesNames.isValidFor(idOfLength(55))).as("executor-<id>: 64 characters").isFalse();
    }

    @Test
    void validMeansAValidLabelValueThatNamesBothItsPodAndItsConfigMap() {
        // the one pattern isValidFor matches, against the three conditions it stands for, on ids of every length up
        // to past the limit, from the characters that matter (and two that never may)
        Random random = new Random(42);
        String alphabet = "a0-z9_A";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder id = new StringBuilder();
            for (int length = random.nextInt(66); id.length() < length; ) {
                id.append(alphabet.charAt(random.nextInt(random.nextInt(8) < 7 ? 5 : alphabet.length())));
            }
            String executionId = id.toString();
            boolean threeConditions = KubernetesNames.isDns1123Label(ResourceKind.POD.nameFor(executionId))
                    && KubernetesNames.isDns1123Label(ResourceKind.CONFIG_MAP.nameFor(executionId))
                    && KubernetesNames.isDns1123Label(executionId);
            assertThat(KubernetesNames.isValidFor(executionId)).as(executionId).isEqualTo(threeConditions);
        }
    }
}
