package org.integr8scode.resultprocessor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** K8S_POD_MEMORY_LIMIT as Kubernetes writes memory: binary and decimal suffixes, plain bytes, exponents. */
class MetricSettingsTest {

    @Test
    void aMemoryLimitIsReadAsKubernetesWritesIt() {
        assertThat(MetricSettings.mebibytes("128Mi")).isEqualTo(128.0);
        assertThat(MetricSettings.mebibytes("1Gi")).isEqualTo(1024.0);
        assertThat(MetricSettings.mebibytes("0.5Gi")).isEqualTo(512.0);
        assertThat(MetricSettings.mebibytes("524288Ki")).isEqualTo(512.0);
        assertThat(MetricSettings.mebibytes("134217728")).isEqualTo(128.0);
        assertThat(MetricSettings.mebibytes("128M")).isEqualTo(128e6 / (1024 * 1024));
        assertThat(MetricSettings.mebibytes("1e9")).isEqualTo(1e9 / (1024 * 1024));
    }

    @Test
    void aLimitThatIsNoPositiveQuantityIsRefused() {
        assertThatThrownBy(() -> MetricSettings.mebibytes("0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricSettings.mebibytes("lots")).isInstanceOf(IllegalArgumentException.class);
    }
}
