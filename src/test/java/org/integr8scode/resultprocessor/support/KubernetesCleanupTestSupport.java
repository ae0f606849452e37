package org.integr8scode.resultprocessor.support;

import java.util.Properties;

import org.junit.jupiter.api.AfterAll;

/**
 * For the tests of the clean-up and the orphan sweep: the application with the clean-up on, against a fabric8
 * mock API (CRUD mode) and a namespace of the test class's own.
 */
public abstract class KubernetesCleanupTestSupport extends ResultProcessorTestSupport {

    // methods, not constructor arguments: camel-test reads the overrides while this class is being constructed

    /** The class's mock API, started before the application. */
    protected abstract KubernetesApiMock kubernetes();

    /** The namespace the application cleans up in. */
    protected abstract String namespace();

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("cleanup.enabled", "true");
        properties.setProperty("kubernetes.master", kubernetes().url());
        properties.setProperty("k8s.namespace", namespace());
        return properties;
    }

    @AfterAll
    void stopKubernetes() throws Exception {
        stopOrphanSweep();
        kubernetes().close();
    }
}
