package org.integr8scode.resultprocessor.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapListBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The fabric8 Kubernetes API mock in CRUD mode (it keeps what is created and deleted), over plain HTTP; a mock,
 * because no Kubernetes API server runs here. Expectations set on it answer before the CRUD store does. The CRUD
 * store neither checks a delete's preconditions nor lets a resource be created in the past: tests that need
 * either answer through expectations.
 */
public final class KubernetesApiMock implements AutoCloseable {

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;
    private final List<Request> requests = new ArrayList<>();

    /** A request the API received: method, path (with query), body, and when it arrived ({@link System#nanoTime()}). */
    public record Request(String method, String path, String body, long receivedAtNanos) {
    }

    public KubernetesApiMock() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses) {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        // stamped on arrival: tests of the retries measure the time between attempts
                        record(new Request(request.getMethod(), request.getPath(),
                                new String(request.getBody().getBytes(), StandardCharsets.UTF_8), System.nanoTime()));
                        return super.dispatch(request);
                    }
                }, false);
        server.init();
        client = server.createClient();
    }

    public String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    public KubernetesMockServer server() {
        return server;
    }

    public NamespacedKubernetesClient client() {
        return client;
    }

    public void createPod(String namespace, String name, Map<String, String> labels) {
        client.pods().inNamespace(namespace).resource(pod(namespace, name, labels).build()).create();
    }

    /** A pod in the given phase whose container finished at the given time (null: it never finished). */
    public void createPod(String namespace, String name, Map<String, String> labels, String phase, Instant finishedAt) {
        PodBuilder pod = pod(namespace, name, labels);
        if (finishedAt == null) {
            pod.withNewStatus().withPhase(phase).endStatus();
        } else {
            pod.withNewStatus().withPhase(phase)
                    .addNewContainerStatus().withName("executor").withNewState().withNewTerminated()
                    .withExitCode("Failed".equals(phase) ? 1 : 0).withFinishedAt(finishedAt.toString())
                    .endTerminated().endState().endContainerStatus()
                    .endStatus();
        }
        client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    private static PodBuilder pod(String namespace, String name, Map<String, String> labels) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("executor").withImage("python:3.12").endContainer().endSpec();
    }

    public void createConfigMap(String namespace, String name, Map<String, String> labels) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .addToData("main.py", "print('hello')")
                .build()).create();
    }

    public Pod pod(String namespace, String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    public boolean podExists(String namespace, String name) {
        return pod(namespace, name) != null;
    }

    public boolean configMapExists(String namespace, String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get() != null;
    }

    /**
     * The next listing of the {@code app=integr8s} ConfigMaps of the namespace answers what the store holds, with
     * the given ones created at the given times: the store itself stamps every ConfigMap with the time of its
     * creation.
     */
    public void nextConfigMapListingCreatedAt(String namespace, Map<String, Instant> createdAt) {
        List<ConfigMap> listed = client.configMaps().inNamespace(namespace).withLabel("app", "integr8s").list().getItems();
        listed.forEach(configMap -> {
            Instant created = createdAt.get(configMap.getMetadata().getName());
            if (created != null) {
                configMap.getMetadata().setCreationTimestamp(created.toString());
            }
        });
        server.expect().get().withPath("/api/v1/namespaces/" + namespace + "/configmaps?labelSelector=app%3Dintegr8s")
                .andReturn(200, new ConfigMapListBuilder().withItems(listed).build()).once();
    }

    private synchronized void record(Request request) {
        requests.add(request);
    }

    /** The requests received so far with this method and path (query excluded), oldest first. */
    public synchronized List<Request> requests(String method, String path) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().split("\\?")[0].equals(path))
                .toList();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
