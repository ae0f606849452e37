package org.integr8scode.resultprocessor.support;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;

/**
 * For the tests of the clean-up and the orphan sweep: the application with the clean-up on, against a fabric8
 * mock API (CRUD mode) and a namespace of the test class's own.
 */
public abstract class KubernetesCleanupTestSupport extends ResultProcessorTestSupport {

    private static final Map<Class<?>, KubernetesApiMock> MOCKS = new ConcurrentHashMap<>();

    /** The class's own mock API; started on first use, before the application (camel-test reads the overrides first). */
    protected KubernetesApiMock kubernetes() {
        return MOCKS.computeIfAbsent(getClass(), testClass -> new KubernetesApiMock());
    }

    /** The labels the executors' pods and ConfigMaps carry: the clean-up touches nothing without them. */
    public static Map<String, String> ours(String executionId) {
        return Map.of("app", "integr8s", "execution-id", executionId);
    }

    /** The class's own namespace, where the application cleans up. */
    protected String namespace() {
        return getClass().getSimpleName().toLowerCase();
    }

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
