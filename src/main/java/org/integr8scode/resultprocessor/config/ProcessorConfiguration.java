package org.integr8scode.resultprocessor.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheckRegistry;
import org.integr8scode.resultprocessor.batch.BatchMapping;
import org.integr8scode.resultprocessor.batch.BatchRecords;
import org.integr8scode.resultprocessor.batch.MappedRecords;
import org.integr8scode.resultprocessor.event.EventReader;
import org.integr8scode.resultprocessor.metrics.ResultMetrics;
import org.integr8scode.resultprocessor.offsets.KafkaOffsets;
import org.integr8scode.resultprocessor.result.OutputBudget;
import org.integr8scode.resultprocessor.result.ResultMapping;
import org.integr8scode.resultprocessor.trace.RecordTracing;
import org.integr8scode.resultprocessor.store.MongoCredentials;
import org.integr8scode.resultprocessor.store.MongoReadiness;
import org.integr8scode.resultprocessor.store.MongoTls;
import org.integr8scode.resultprocessor.store.BulkWrites;
import org.integr8scode.resultprocessor.store.RefusedForGood;
import org.integr8scode.resultprocessor.store.ResultBatchStore;
import org.integr8scode.resultprocessor.store.ResultWrites;

/**
 * The beans of the main flow's storing, batching and commits, each from its settings in application.properties;
 * the event reader's, the publishing's, the clean-up's, the re-drive's and the observability's are in their own
 * configuration classes (camel.main.configuration-classes).
 */
public class ProcessorConfiguration implements CamelConfiguration {

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

    @PropertyInject("output.budget-bytes")
    private long outputBudgetBytes;

    private final Clock clock = Clock.systemUTC();

    // camel-main calls each @BindToRegistry method twice (ConfigurationClassesTest): the client is made once
    private MongoClient mongoClient;

    @BindToRegistry
    public ResultMapping resultMapping() {
        return new ResultMapping(new OutputBudget(outputBudgetBytes), clock);
    }

    @BindToRegistry
    public ResultWrites resultWrites() {
        return new ResultWrites(clock);
    }

    @BindToRegistry
    public ResultBatchStore resultBatchStore() {
        return new ResultBatchStore(resultWrites());
    }

    @BindToRegistry
    public RefusedForGood refusedForGood() {
        return new RefusedForGood();
    }

    // what a failure is (FailureKind), for the onWhen of the error policy's clauses (routes/error-policy.camel.yaml)

    @BindToRegistry
    public Predicate transientFailure() {
        return FailureKind.TRANSIENT.predicate();
    }

    @BindToRegistry
    public Predicate nonTransientFailure() {
        return FailureKind.TRANSIENT.otherKinds();
    }

    @BindToRegistry
    public Predicate poisonRecord() {
        return FailureKind.POISON.predicate();
    }

    @BindToRegistry
    public Predicate unexpectedFailure() {
        return FailureKind.UNEXPECTED.predicate();
    }

    @BindToRegistry
    public BulkWrites bulkWrites() {
        return new BulkWrites();
    }

    @BindToRegistry
    public ResultMetrics resultMetrics(CamelContext camelContext) {
        return new ResultMetrics(camelContext);
    }

    @BindToRegistry
    public BatchRecords batchRecords(RecordTracing recordTracing) {
        return new BatchRecords(recordTracing);
    }

    @BindToRegistry
    public BatchMapping batchMapping(EventReader eventReader, RecordTracing recordTracing) {
        return new BatchMapping(eventReader, resultMapping(), recordTracing);
    }

    @BindToRegistry
    public MappedRecords mappedRecords(RecordTracing recordTracing) {
        return new MappedRecords(recordTracing);
    }

    @BindToRegistry
    public KafkaOffsets kafkaOffsets() {
        return new KafkaOffsets();
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

    /** Readiness follows MongoDB: registered with Camel's health checks, served on /observe/health. */
    @Override
    public void configure(CamelContext camelContext) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
        if (registry != null) {
            registry.register(new MongoReadiness(mongoClient()));
        }
    }
}
