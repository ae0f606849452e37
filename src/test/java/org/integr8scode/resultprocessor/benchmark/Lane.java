package org.integr8scode.resultprocessor.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.integr8scode.resultprocessor.support.Topics;

/**
 * One subject's own topics (three partitions each), consumer group and database on the shared broker and
 * stand-in, created fresh before the subject starts, with the indexes a real deployment has: the API's unique
 * {@code execution_id} on {@code executions}, and the contract's {@code status}, {@code stored_at} and
 * {@code user_id} on {@code execution_results}.
 */
record Lane(String subject, String bootstrapServers, String mongoUrl, MongoClient mongo, int partitions) {

    String topic(String name) {
        return "bench-" + subject + "." + name;
    }

    String completedTopic() {
        return topic("execution_completed");
    }

    String failedTopic() {
        return topic("execution_failed");
    }

    String timeoutTopic() {
        return topic("execution_timeout");
    }

    String storedTopic() {
        return topic("result_stored");
    }

    String resultFailedTopic() {
        return topic("result_failed");
    }

    String deadLetterTopic() {
        return topic("dlq");
    }

    List<String> inputTopics() {
        return List.of(completedTopic(), failedTopic(), timeoutTopic());
    }

    List<String> outputTopics() {
        return List.of(storedTopic(), resultFailedTopic(), deadLetterTopic());
    }

    String group() {
        return "bench-" + subject + "-group";
    }

    String databaseName() {
        return "benchmark_" + subject;
    }

    MongoDatabase database() {
        return mongo.getDatabase(databaseName());
    }

    MongoCollection<Document> executions() {
        return database().getCollection("executions");
    }

    MongoCollection<Document> results() {
        return database().getCollection("execution_results");
    }

    Lane create() {
        Topics.createAndAwaitLeaders(bootstrapServers, List.of(completedTopic(), failedTopic(), timeoutTopic(),
                storedTopic(), resultFailedTopic(), deadLetterTopic()), partitions);
        executions().createIndex(Indexes.ascending("execution_id"), new IndexOptions().unique(true));
        for (String field : List.of("status", "stored_at", "user_id")) {
            results().createIndex(Indexes.ascending(field));
        }
        return this;
    }

    /** The processor's environment variables (CONTRACT.md §4), which the raw-client baseline reads too. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        environment.put("KAFKA_CONSUMER_GROUP", group());
        environment.put("MONGODB_URL", mongoUrl);
        environment.put("MONGODB_DATABASE", databaseName());
        environment.put("TOPIC_EXECUTION_COMPLETED", completedTopic());
        environment.put("TOPIC_EXECUTION_FAILED", failedTopic());
        environment.put("TOPIC_EXECUTION_TIMEOUT", timeoutTopic());
        environment.put("TOPIC_RESULT_STORED", storedTopic());
        environment.put("TOPIC_RESULT_FAILED", resultFailedTopic());
        environment.put("TOPIC_DEAD_LETTER", deadLetterTopic());
        environment.put("CLEANUP_ENABLED", "false");
        return environment;
    }
}
