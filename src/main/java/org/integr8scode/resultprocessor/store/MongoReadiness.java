package org.integr8scode.resultprocessor.store;

import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterDescription;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Not ready while MongoDB is unreachable: results cannot be stored then (the records wait in Kafka, retried).
 * Reads the driver's own view of the cluster, kept fresh by its heartbeats, so a check never blocks.
 */
public class MongoReadiness extends AbstractHealthCheck {

    private final MongoClient mongoClient;

    public MongoReadiness(MongoClient mongoClient) {
        super("result-processor", "mongodb");
        this.mongoClient = mongoClient;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ClusterDescription cluster = mongoClient.getClusterDescription();
        if (cluster.hasWritableServer()) {
            builder.up();
        } else {
            builder.message("MongoDB is unreachable: " + cluster.getShortDescription());
            if (cluster.getSrvResolutionException() != null) {
                builder.error(cluster.getSrvResolutionException());
            }
            builder.down();
        }
    }
}
