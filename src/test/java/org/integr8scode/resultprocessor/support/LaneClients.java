package org.integr8scode.resultprocessor.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bson.Document;

/**
 * What a test uses on its lane: its database (executions with the API's unique execution_id, as the API makes it),
 * a producer of input events, a reader of everything published on the output topics and of the committed offsets.
 * Opening them creates the lane's topics; the in-JVM and the reliability tests open them alike.
 */
public record LaneClients(MongoClient mongo, MongoDatabase database, KafkaProducer<byte[], byte[]> producer,
                          ResultTopics published, CommittedOffsets offsets) implements AutoCloseable {

    public static LaneClients open(TestLane lane, String bootstrapServers, String mongoUrl, int partitions) {
        MongoClient mongo = MongoClients.create(mongoUrl);
        MongoDatabase database = mongo.getDatabase(lane.database());
        // as the API does: executions are found by their unique execution_id
        database.getCollection("executions").createIndex(Indexes.ascending("execution_id"), new IndexOptions().unique(true));
        lane.createTopics(bootstrapServers, partitions);
        return new LaneClients(mongo, database, InputProducer.create(bootstrapServers),
                new ResultTopics(bootstrapServers, lane.outputTopics(), partitions), new CommittedOffsets(bootstrapServers));
    }

    public MongoCollection<Document> executions() {
        return database.getCollection("executions");
    }

    public MongoCollection<Document> results() {
        return database.getCollection("execution_results");
    }

    @Override
    public void close() {
        offsets.close();
        published.close();
        producer.close();
        mongo.close();
    }
}
