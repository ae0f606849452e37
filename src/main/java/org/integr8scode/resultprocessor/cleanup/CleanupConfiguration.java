package org.integr8scode.resultprocessor.cleanup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.apache.camel.PropertyInject;
import org.apache.camel.util.concurrent.SynchronousExecutorService;

/**
 * The Kubernetes clean-up's beans (routes/cleanup.camel.yaml), each from its settings. camel-main calls each
 * {@code @BindToRegistry} method twice (ConfigurationClassesTest shows it): what holds a connection or a thread, or
 * logs a decision, is made once and handed out both times.
 */
public class CleanupConfiguration implements CamelConfiguration {

    private KubernetesClient kubernetesClient;
    private CleanupSwitch cleanupSwitch;
    private CleanupBacklog cleanupBacklog;

    /** Whether the clean-up runs; while it does, its counters are served at zero from the start. */
    @BindToRegistry
    public synchronized CleanupSwitch cleanupSwitch(CamelContext camelContext,
                                                    @PropertyInject("cleanup.enabled") String enabled,
                                                    @PropertyInject(value = "kubernetes.master", defaultValue = "")
                                                    String kubernetesMaster) {
        if (cleanupSwitch == null) {
            cleanupSwitch = new CleanupSwitch(enabled, kubernetesMaster, System.getenv(),
                    Path.of(System.getProperty("user.home")));
            if (cleanupSwitch.isEnabled()) {
                camelContext.getManagementStrategy().addEventNotifier(new CleanupSeriesAtStart(camelContext));
            }
        }
        return cleanupSwitch;
    }

    /**
     * The fabric8 client with its usual discovery (in cluster, kubeconfig, KUBERNETES_MASTER); it connects only when
     * the clean-up first calls it.
     */
    @BindToRegistry(destroyMethod = "close")
    public synchronized KubernetesClient kubernetesClient(
            @PropertyInject(value = "kubernetes.master", defaultValue = "") String kubernetesMaster,
            @PropertyInject("kubernetes.request-timeout-ms") int requestTimeoutMs,
            @PropertyInject("kubernetes.request-retries") int requestRetries) {
        if (kubernetesClient == null) {
            ConfigBuilder config = new ConfigBuilder(Config.autoConfigure(null))
                    .withRequestTimeout(requestTimeoutMs)
                    .withConnectionTimeout(requestTimeoutMs)
                    .withRequestRetryBackoffLimit(requestRetries);
            if (!kubernetesMaster.isBlank()) {
                config.withMasterUrl(kubernetesMaster);
            }
            kubernetesClient = new KubernetesClientBuilder().withConfig(config.build()).build();
        }
        return kubernetesClient;
    }

    /**
     * The clean-up queue's counts (cleanup_backlog, cleanup_dropped_total): bound once the context has started,
     * what is still queued left to the sweep when it stops. The queue is the {@code seda:} endpoint of
     * routes/cleanup.camel.yaml.
     */
    @BindToRegistry
    public synchronized CleanupBacklog cleanupBacklog(CamelContext camelContext) {
        if (cleanupBacklog == null) {
            cleanupBacklog = new CleanupBacklog();
            camelContext.getManagementStrategy().addEventNotifier(cleanupBacklog);
        }
        return cleanupBacklog;
    }

    /**
     * The wire tap's hand-over of a batch's clean-up: it only puts the copy on the clean-up queue, at once (a full
     * queue refuses it), so it does so on the calling thread, the Kafka consumer's, rather than on a pool of its own.
     */
    @BindToRegistry
    public ExecutorService onTheCallersThread() {
        return new SynchronousExecutorService();
    }

    /** What the wire tap puts on the clean-up queue: a batch's execution_ids, not its results. */
    @BindToRegistry
    public CleanupRequest cleanupRequest() {
        return new CleanupRequest();
    }

    @BindToRegistry
    public DeletionCounts deletionCounts(CamelContext camelContext) {
        return new DeletionCounts(camelContext);
    }

    @BindToRegistry
    public CleanupScope cleanupScope(@PropertyInject("k8s.namespace") String namespace,
                                     @PropertyInject("cleanup.grace-period-seconds") long gracePeriodSeconds) {
        return new CleanupScope(namespace, gracePeriodSeconds);
    }

    @BindToRegistry
    public LabelledDelete labelledDelete(KubernetesClient kubernetesClient, CleanupScope cleanupScope) {
        return new LabelledDelete(kubernetesClient, cleanupScope);
    }

    @BindToRegistry
    public GuardedDelete guardedDelete(KubernetesClient kubernetesClient, CleanupScope cleanupScope) {
        return new GuardedDelete(kubernetesClient, cleanupScope);
    }

    /**
     * For cleanup-errors' onWhen (routes/error-policy.camel.yaml): a delete worth trying again, which that clause tries
     * again while fewer than {@code cleanup.max-attempts} attempts have failed; hence that setting is checked here.
     */
    @BindToRegistry
    public Predicate transientKubernetesFailure(@PropertyInject("cleanup.max-attempts") int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("cleanup.max-attempts must be at least 1");
        }
        return KubernetesFailures.transientFailure();
    }

    @BindToRegistry
    public Predicate nonTransientKubernetesFailure() {
        return KubernetesFailures.nonTransientFailure();
    }

    @BindToRegistry
    public OrphanSelection orphanSelection(CleanupScope cleanupScope,
                                           @PropertyInject("sweep.min-age-minutes") long minAgeMinutes) {
        return new OrphanSelection(cleanupScope.namespace(), Duration.ofMinutes(minAgeMinutes), Clock.systemUTC());
    }
}
