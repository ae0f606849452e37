package org.integr8scode.resultprocessor.benchmark;

import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.integr8scode.resultprocessor.support.TestLane;

/**
 * One subject's own lane ({@link TestLane}: topics of three partitions each, consumer group and database) on the
 * shared broker and stand-in, created fresh before the subject starts, with the indexes a real deployment has: the
 * API's unique {@code execution_id} on {@code executions}, and the contract's {@code status}, {@code stored_at} and
 * {@code user_id} on {@code execution_results}.
 */
record Lane(String subject, TestLane names, String bootstrapServers, String mongoUrl, MongoClient mongo, int partitions) {

    Lane(String subject, String bootstrapServers, String mongoUrl, MongoClient mongo, int partitions) {
        this(subject, new TestLane("bench-" + subject), bootstrapServers, mongoUrl, mongo, partitions);
    }

    MongoDatabase database() {
        return mongo.getDatabase(names.database());
    }

    MongoCollection<Document> executions() {
        return database().getCollection("executions");
    }

    MongoCollection<Document> results() {
        return database().getCollection("execution_results");
    }

    MongoCollection<Document> events() {
        return database().getCollection("events");
    }

    Lane create() {
        names.createTopics(bootstrapServers, partitions);
        executions().createIndex(Indexes.ascending("execution_id"), new IndexOptions().unique(true));
        for (String field : List.of("status", "stored_at", "user_id")) {
            results().createIndex(Indexes.ascending(field));
        }
        // the API's index: every subject finds a repeated result event by it
        events().createIndex(Indexes.ascending("event_id"), new IndexOptions().unique(true));
        return this;
    }

    /** The processor's environment variables (docs/contract.md §4), which the raw-client baseline reads too. */
    Map<String, String> environment() {
        return names.environment(bootstrapServers, mongoUrl);
    }
}
