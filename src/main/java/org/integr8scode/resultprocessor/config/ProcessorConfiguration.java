package org.integr8scode.resultprocessor.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.integr8scode.resultprocessor.cleanup.CleanupExecutor;
import org.integr8scode.resultprocessor.cleanup.CleanupExecutorLifecycle;
import org.integr8scode.resultprocessor.cleanup.CleanupRequest;
import org.integr8scode.resultprocessor.cleanup.CleanupSwitch;
import org.integr8scode.resultprocessor.cleanup.GuardedDelete;
import org.integr8scode.resultprocessor.cleanup.LabelledDelete;
import org.integr8scode.resultprocessor.cleanup.OrphanSelection;
import org.integr8scode.resultprocessor.batch.BatchRecords;
import org.integr8scode.resultprocessor.metrics.ResultMetrics;
import org.integr8scode.resultprocessor.batch.MappedRecords;
import org.integr8scode.resultprocessor.event.EventReader;
import org.integr8scode.resultprocessor.offsets.KafkaOffsets;
import org.integr8scode.resultprocessor.publish.ContractHeaderFilter;
import org.integr8scode.resultprocessor.publish.DeadLetterHeaders;
import org.integr8scode.resultprocessor.publish.ResultEvents;
import org.integr8scode.resultprocessor.publish.ResultMessages;
import org.integr8scode.resultprocessor.result.OutputBudget;
import org.integr8scode.resultprocessor.result.ResultMapping;
import org.integr8scode.resultprocessor.store.MongoCredentials;
import org.integr8scode.resultprocessor.store.MongoReadiness;
import org.integr8scode.resultprocessor.store.MongoTls;
import org.integr8scode.resultprocessor.store.ResultWrites;
import org.integr8scode.resultprocessor.store.RefusedForGood;
import org.integr8scode.resultprocessor.store.ResultBatchStore;

/** The beans the routes use, each built from its settings in application.properties. */
public class ProcessorConfiguration implements CamelConfiguration {

    /** Events are shallow: a deeper document is refused early, before it can cost anything. */
    private static final int MAX_EVENT_NESTING = 64;

    @PropertyInject("mongodb.url")
    private String mongodbUrl;

    @PropertyInject(value = "mongodb.username", defaultValue = "")
    private String mongodbUsername;

    @PropertyInject(value = "mongodb.password", defaultValue = "")
    private String mongodbPassword;

    @PropertyInject(value = "mongodb.password-file", defaultValue = "")
    private String mongodbPasswordFile;

    @PropertyInject(value = "mongodb.tls-ca-file", defaultValue = "")
    private String mongodbTlsCaFile;

    @PropertyInject("mongodb.timeout-ms")
    private int mongodbTimeoutMs;

    @PropertyInject("mongodb.heartbeat-ms")
    private int mongodbHeartbeatMs;

    @PropertyInject("topic.result-stored")
    private String resultStoredTopic;

    @PropertyInject("topic.result-failed")
    private String resultFailedTopic;

    @PropertyInject("output.budget-bytes")
    private long outputBudgetBytes;

    @PropertyInject("service.version")
    private String serviceVersion;

    @PropertyInject(value = "kubernetes.master", defaultValue = "")
    private String kubernetesMaster;

    @PropertyInject("kubernetes.request-timeout-ms")
    private int kubernetesRequestTimeoutMs;

    @PropertyInject("kubernetes.request-retries")
    private int kubernetesRequestRetries;

    @PropertyInject("cleanup.enabled")
    private String cleanupEnabled;

    @PropertyInject("k8s.namespace")
    private String kubernetesNamespace;

    @PropertyInject("cleanup.grace-period-seconds")
    private long cleanupGracePeriodSeconds;

    @PropertyInject("cleanup.threads")
    private int cleanupThreads;

    @PropertyInject("cleanup.queue-size")
    private int cleanupQueueSize;

    @PropertyInject("sweep.min-age-minutes")
    private long sweepMinAgeMinutes;

    private final Clock clock = Clock.systemUTC();

    // camel-main post-processes a configuration class twice, calling each @BindToRegistry method twice:
    // what holds connections or logs a decision is made once and handed out both times
    private MongoClient mongoClient;
    private KubernetesClient kubernetesClient;
    private CleanupSwitch cleanupSwitch;
    private CleanupExecutor cleanupExecutor;

    private final ObjectMapper eventMapper = strictEventMapper();

    /**
     * Reads events strictly: a value of the wrong JSON type (a string for an int, a float for an int, a number
     * for a string) is refused rather than coerced; unknown fields are ignored, as the contract says.
     */
    @BindToRegistry
    public ObjectMapper eventMapper() {
        return eventMapper;
    }

    private static ObjectMapper strictEventMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_EVENT_NESTING)
                .maxStringLength(Integer.MAX_VALUE)
                .build());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    @BindToRegistry
    public EventReader eventReader() {
        return new EventReader(eventMapper);
    }

    @BindToRegistry
    public ResultMapping resultMapping() {
        return new ResultMapping(new OutputBudget(outputBudgetBytes), clock);
    }

    @BindToRegistry
    public ResultWrites resultWrites() {
        return new ResultWrites(clock);
    }

    @BindToRegistry
    public ResultEvents resultEvents() {
        return new ResultEvents(serviceVersion, clock);
    }

    @BindToRegistry
    public DeadLetterHeaders deadLetterHeaders() {
        return new DeadLetterHeaders(clock);
    }

    @BindToRegistry
    public ResultBatchStore resultBatchStore() {
        return new ResultBatchStore(resultWrites());
    }

    @BindToRegistry
    public RefusedForGood refusedForGood() {
        return new RefusedForGood();
    }

    @BindToRegistry
    public ResultMessages resultMessages() {
        return new ResultMessages(resultEvents(), eventMapper, resultStoredTopic, resultFailedTopic);
    }

    @BindToRegistry
    public ResultMetrics resultMetrics(CamelContext camelContext) {
        return new ResultMetrics(camelContext);
    }

    @BindToRegistry
    public BatchRecords batchRecords() {
        return new BatchRecords();
    }

    @BindToRegistry
    public MappedRecords mappedRecords() {
        return new MappedRecords();
    }

    @BindToRegistry
    public KafkaOffsets kafkaOffsets() {
        return new KafkaOffsets();
    }

    @BindToRegistry
    public ContractHeaderFilter contractHeaderFilter() {
        return new ContractHeaderFilter();
    }

    @BindToRegistry(destroyMethod = "close")
    public synchronized MongoClient mongoClient() {
        if (mongoClient == null) {
            mongoClient = createMongoClient();
        }
        return mongoClient;
    }

    private MongoClient createMongoClient() {
        ConnectionString url = new ConnectionString(mongodbUrl);
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(url);
        // MONGODB_USERNAME and its password, where set, rather than any in the URL (docs/security.md)
        MongoCredential credential = MongoCredentials.fromSettings(url, mongodbUsername, mongodbPassword,
                mongodbPasswordFile);
        if (credential != null) {
            settings.credential(credential);
        }
        // TLS trusting this CA (the driver reads tls=true from the URL, not tlsCAFile); a CA file means TLS
        if (!mongodbTlsCaFile.isBlank()) {
            settings.applyToSslSettings(ssl -> ssl.enabled(true)
                    .context(MongoTls.trusting(Path.of(mongodbTlsCaFile.strip()))));
        }
        return MongoClients.create(settings
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(mongodbTimeoutMs, TimeUnit.MILLISECONDS))
                .applyToServerSettings(server -> server.heartbeatFrequency(mongodbHeartbeatMs, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket
                        .connectTimeout(mongodbTimeoutMs, TimeUnit.MILLISECONDS)
                        .readTimeout(mongodbTimeoutMs, TimeUnit.MILLISECONDS))
                .build());
    }

    /**
     * Readiness follows MongoDB: registered with Camel's health checks, served on /observe/health; and the
     * clean-up pool follows the context's life.
     */
    @Override
    public void configure(CamelContext camelContext) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
        if (registry != null) {
            registry.register(new MongoReadiness(mongoClient()));
        }
        // the clean-up pool is shut down with the context, its queue left to the sweep
        camelContext.getManagementStrategy().addEventNotifier(new CleanupExecutorLifecycle(cleanupExecutor()));
    }

    @BindToRegistry
    public synchronized CleanupSwitch cleanupSwitch() {
        if (cleanupSwitch == null) {
            cleanupSwitch = new CleanupSwitch(cleanupEnabled, kubernetesMaster, System.getenv(),
                    Path.of(System.getProperty("user.home")));
        }
        return cleanupSwitch;
    }

    /**
     * The fabric8 client with its usual discovery (in cluster, kubeconfig, KUBERNETES_MASTER); it connects only
     * when the clean-up first calls it.
     */
    @BindToRegistry(destroyMethod = "close")
    public synchronized KubernetesClient kubernetesClient() {
        if (kubernetesClient == null) {
            kubernetesClient = createKubernetesClient();
        }
        return kubernetesClient;
    }

    private KubernetesClient createKubernetesClient() {
        ConfigBuilder config = new ConfigBuilder(Config.autoConfigure(null))
                .withRequestTimeout(kubernetesRequestTimeoutMs)
                .withConnectionTimeout(kubernetesRequestTimeoutMs)
                .withRequestRetryBackoffLimit(kubernetesRequestRetries);
        if (!kubernetesMaster.isBlank()) {
            config.withMasterUrl(kubernetesMaster);
        }
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    /**
     * The wire tap's pool for the clean-up (see the YAML route): its own threads and a bounded queue, whose
     * overflow is dropped, counted and left to the sweep instead of running on the Kafka consumer's thread.
     */
    @BindToRegistry(destroyMethod = "shutdownNow")
    public synchronized CleanupExecutor cleanupExecutor() {
        if (cleanupExecutor == null) {
            cleanupExecutor = new CleanupExecutor(cleanupThreads, cleanupQueueSize);
        }
        return cleanupExecutor;
    }

    /** What the wire tap puts on the clean-up queue: a batch's execution_ids, not its results. */
    @BindToRegistry
    public CleanupRequest cleanupRequest() {
        return new CleanupRequest(cleanupExecutor());
    }

    @BindToRegistry
    public LabelledDelete labelledDelete() {
        return new LabelledDelete(kubernetesClient(), kubernetesNamespace, cleanupGracePeriodSeconds);
    }

    @BindToRegistry
    public GuardedDelete guardedDelete() {
        return new GuardedDelete(kubernetesClient(), kubernetesNamespace, cleanupGracePeriodSeconds);
    }

    @BindToRegistry
    public OrphanSelection orphanSelection() {
        return new OrphanSelection(kubernetesNamespace, Duration.ofMinutes(sweepMinAgeMinutes), clock);
    }
}
