package org.integr8scode.resultprocessor.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.integr8scode.resultprocessor.support.KubernetesApiMock;

/**
 * The processor with the Kubernetes clean-up on, as production runs it: against the fabric8 API mock (its CRUD store,
 * with the test double's honouring of set-based label selectors), which holds every execution's pod and ConfigMap,
 * labelled as the executors label them, seeded with its executions document. Its CPU per event against the
 * processor's with the clean-up off, on the same load, is what the clean-up costs; the requests the mock received
 * over HTTP in the peak window, per execution, are what it costs the API server.
 */
final class CleanupSubject extends ProcessorSubject {

    static final String NAMESPACE = "benchmark";

    private final KubernetesApiMock kubernetes = new KubernetesApiMock();

    @Override
    String name() {
        return "cleanup-on";
    }

    @Override
    String description() {
        return super.description() + ", clean-up on (fabric8 mock API, every pod and ConfigMap present)";
    }

    @Override
    Map<String, String> environment(Lane lane) {
        Map<String, String> environment = super.environment(lane);
        environment.put("CLEANUP_ENABLED", "true");
        environment.put("KUBERNETES_MASTER", kubernetes.url());
        environment.put("K8S_NAMESPACE", NAMESPACE);
        return environment;
    }

    @Override
    void seed(List<String> executionIds) {
        executionIds.forEach(id -> kubernetes.seedExecution(NAMESPACE, id));
    }

    @Override
    List<String> afterRun(long executionsPublished) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int pods;
        int configMaps;
        do {
            pods = kubernetes.countInStore(NAMESPACE, "pods");
            configMaps = kubernetes.countInStore(NAMESPACE, "configmaps");
        } while (pods + configMaps > 0 && System.nanoTime() < deadline && pause());
        long requests = kubernetes.requestsSince(0);
        List<String> lines = new java.util.ArrayList<>(super.afterRun(executionsPublished));
        lines.addAll(List.of(
                String.format("Kubernetes API requests: %d for the %d executions of the whole run, %.3f per execution"
                        + " (target <= 0.2: %s)", requests, executionsPublished, (double) requests / executionsPublished,
                        (double) requests / executionsPublished <= 0.2 ? "met" : "NOT met"),
                String.format("left in the mock API after the run: %d pods, %d ConfigMaps (every one %s)", pods, configMaps,
                        pods + configMaps == 0 ? "deleted" : "NOT deleted")));
        return lines;
    }

    private static boolean pause() {
        try {
            Thread.sleep(500);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean closed;

    @Override
    public void close() throws Exception {
        super.close();
        if (!closed) {
            closed = true;
            kubernetes.close();
        }
    }
}
