package org.integr8scode.resultprocessor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The fabric8 Kubernetes API mock in CRUD mode (it keeps what is created and deleted), over plain HTTP; a mock,
 * because no Kubernetes API server runs here. Expectations set on it answer before the CRUD store does. The CRUD
 * store neither checks a delete's preconditions nor lets a resource be created in the past: tests that need
 * either answer through expectations. It also ignores set-based label requirements ({@code execution-id in (a,b)}:
 * asked to delete {@code app=integr8s,execution-id in (a)}, it deletes every {@code app=integr8s} pod), so this
 * double answers a list or a collection delete with a set-based selector itself, as an API server does
 * ({@link LabelSelector}), from what the store holds. Failures can be injected ahead of anything
 * ({@link #failNext}).
 */
public final class KubernetesApiMock implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesMockServer server;
    /** The CRUD store the server answers from, for what the harness seeds and reads without a request of its own. */
    private final KubernetesMixedDispatcher store;
    private final NamespacedKubernetesClient client;
    private final List<Request> requests = new ArrayList<>();

    /** A request the API received: method, path (with query), body, and when it arrived ({@link System#nanoTime()}). */
    public record Request(String method, String path, String body, long receivedAtNanos) {
    }

    public KubernetesApiMock() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        store = new KubernetesMixedDispatcher(responses);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses) {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        // stamped on arrival: tests of the retries measure the time between attempts
                        record(new Request(request.getMethod(), request.getPath(),
                                new String(request.getBody().getBytes(), StandardCharsets.UTF_8), System.nanoTime()));
                        MockResponse failure = injectedFailure(request);
                        if (failure != null) {
                            return failure;
                        }
                        MockResponse selected = setBasedSelection(request, store::dispatch);
                        return selected != null ? selected : store.dispatch(request);
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

    /**
     * Creates an executor's pod and ConfigMap (labelled as the executors label them) straight in the store, without
     * an HTTP request: for a benchmark that seeds thousands, whose own requests must not count.
     */
    public void seedExecution(String namespace, String executionId) {
        Map<String, String> labels = Map.of("app", "integr8s", "execution-id", executionId);
        try {
            storeRequest(HttpMethod.POST, "/api/v1/namespaces/" + namespace + "/pods",
                    JSON.writeValueAsBytes(pod(namespace, "executor-" + executionId, labels).build()));
            storeRequest(HttpMethod.POST, "/api/v1/namespaces/" + namespace + "/configmaps",
                    JSON.writeValueAsBytes(new ConfigMapBuilder().withNewMetadata().withName("script-" + executionId)
                            .withNamespace(namespace).withLabels(labels).endMetadata()
                            .addToData("main.py", "print('hello')").build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many resources of a kind ({@code pods}, {@code configmaps}) labelled app=integr8s the store holds. */
    public int countInStore(String namespace, String plural) {
        try {
            MockResponse list = storeRequest(HttpMethod.GET, "/api/v1/namespaces/" + namespace + "/" + plural
                    + "?labelSelector=app%3Dintegr8s", new byte[0]);
            return JSON.readTree(list.getBody().getBytes()).path("items").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockResponse storeRequest(HttpMethod method, String path, byte[] body) {
        return store.dispatch(new RecordedRequest("HTTP/1.1", method, path,
                io.fabric8.mockwebserver.http.Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(body)));
    }

    /** Every request received over HTTP since a moment ({@link System#nanoTime()}). */
    public synchronized long requestsSince(long nanos) {
        return requests.stream().filter(r -> r.receivedAtNanos() >= nanos).count();
    }

    private record Failure(String method, String path, int code, AtomicInteger left) {
    }

    private final List<Failure> failures = new CopyOnWriteArrayList<>();

    /**
     * The next {@code times} requests with this method on this path (query excluded; a collection's path for a
     * collection delete) are answered with this status code, ahead of expectations and store; code 0 drops the
     * connection without an answer.
     */
    public void failNext(String method, String path, int code, int times) {
        failures.add(new Failure(method, path, code, new AtomicInteger(times)));
    }

    private MockResponse injectedFailure(RecordedRequest request) {
        String path = request.getPath().split("\\?")[0];
        for (Failure failure : failures) {
            if (failure.method().equals(request.getMethod()) && failure.path().equals(path)
                    && failure.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (failure.code() == 0) {
                    return new MockResponse().setResponseCode(500).setBodyDelay(Duration.ofSeconds(30));
                }
                return new MockResponse().setResponseCode(failure.code()).setBody(
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
                                + failure.code() + ",\"message\":\"injected by the test\"}");
            }
        }
        return null;
    }

    /**
     * A list, or a collection delete, whose label selector has a set-based requirement: answered from the store's
     * whole collection, filtered by the full selector; each resource deleted is deleted by name in the store.
     */
    private static MockResponse setBasedSelection(RecordedRequest request, Function<RecordedRequest, MockResponse> store) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("DELETE")) {
            return null;
        }
        String[] pathAndQuery = request.getPath().split("\\?", 2);
        if (pathAndQuery.length < 2) {
            return null;
        }
        String selector = null;
        for (String parameter : pathAndQuery[1].split("&")) {
            if (parameter.startsWith("labelSelector=")) {
                selector = URLDecoder.decode(parameter.substring("labelSelector=".length()), StandardCharsets.UTF_8);
            }
        }
        if (selector == null || !new LabelSelector(selector).isSetBased()) {
            return null;
        }
        LabelSelector selection = new LabelSelector(selector);
        String collection = pathAndQuery[0];
        try {
            MockResponse all = store.apply(new RecordedRequest("HTTP/1.1", HttpMethod.GET, collection,
                    request.getHeaders(), new Buffer()));
            ObjectNode list = (ObjectNode) JSON.readTree(all.getBody().getBytes());
            ArrayNode selected = JSON.createArrayNode();
            for (JsonNode item : list.withArray("items")) {
                Map<String, String> labels = JSON.convertValue(item.path("metadata").path("labels"),
                        new TypeReference<Map<String, String>>() { });
                if (selection.test(labels)) {
                    selected.add(item);
                }
            }
            if (request.getMethod().equals("DELETE")) {
                for (JsonNode item : selected) {
                    store.apply(new RecordedRequest("HTTP/1.1", HttpMethod.DELETE,
                            collection + "/" + item.path("metadata").path("name").asText(), request.getHeaders(),
                            new Buffer(request.getBody().getBytes())));
                }
            }
            list.set("items", selected);
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(list));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
