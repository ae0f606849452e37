package org.integr8scode.resultprocessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.integr8scode.resultprocessor.support.KubernetesCleanupTestSupport;
import org.junit.jupiter.api.Test;

/** With the clean-up off (CLEANUP_ENABLED=false) the sweep's timer fires, but the sweep never calls the API. */
class OrphanSweepSwitchedOffTest extends KubernetesCleanupTestSupport {


    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("cleanup.enabled", "false");
        properties.setProperty("sweep.interval-seconds", "1");
        return properties;
    }

    @Test
    void theSweepDoesNothingWhileTheCleanUpIsOff() throws Exception {
        kubernetes().createPod(namespace(), "executor-finished-long-ago", Map.of("app", "integr8s"), "Succeeded",
                Instant.now().minus(Duration.ofHours(2)));
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        // this class's context: others of the test run may hold the name result-processor
        ObjectName sweep = new ObjectName("org.apache.camel:context=" + context().getManagementName()
                + ",type=routes,name=\"orphan-sweep\"");

        await().atMost(Duration.ofSeconds(20)).until(() -> (Long) jmx.getAttribute(sweep, "ExchangesCompleted") >= 2);

        assertThat(kubernetes().podExists(namespace(), "executor-finished-long-ago")).isTrue();
        assertThat(kubernetes().requests("GET", "/api/v1/namespaces/" + namespace() + "/pods")).isEmpty();
        assertThat(metric("cleanup_sweep_runs_total")).isZero();
    }
}
