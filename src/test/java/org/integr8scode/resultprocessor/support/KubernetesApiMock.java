package org.integr8scode.resultprocessor.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

/**
 * The fabric8 Kubernetes API mock in CRUD mode (it keeps what is created and deleted), over plain HTTP; a mock,
 * because no Kubernetes API server runs here. Expectations set on it answer before the CRUD store does.
 */
public final class KubernetesApiMock implements AutoCloseable {

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    public KubernetesApiMock() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
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
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("executor").withImage("python:3.12").endContainer().endSpec()
                .build()).create();
    }

    public void createConfigMap(String namespace, String name, Map<String, String> labels) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .addToData("main.py", "print('hello')")
                .build()).create();
    }

    public boolean podExists(String namespace, String name) {
        return client.pods().inNamespace(namespace).withName(name).get() != null;
    }

    public boolean configMapExists(String namespace, String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get() != null;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
