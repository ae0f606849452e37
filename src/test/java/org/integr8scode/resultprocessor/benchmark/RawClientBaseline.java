package org.integr8scode.resultprocessor.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;

/**
 * The benchmark's baseline: the processor's work done with the plain clients, one poll at a time. For each poll:
 * parse every event (Jackson); one {@code executions} look-up for the batch ({@code execution_id $in}); one
 * unordered bulk write of insert-if-absent results ({@code $setOnInsert}, upsert on _id = execution_id); one
 * unordered bulk write of the guarded status updates with the output (only while queued, scheduled or running);
 * one result_stored (or result_failed) per record, stored first in {@code events} (one unordered bulk write of
 * insert-if-absent by event_id, as the original's event store), then sent, keyed by execution_id, with the input's
 * trace headers copied, without waiting, then a flush and one commitSync.
 * No poison handling, retries or output cut: a failure ends the process. Configured by the processor's
 * environment variables, its batch size (KAFKA_MAX_POLL_RECORDS) among them.
 */
public final class RawClientBaseline {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ACTIVE = List.of("queued", "scheduled", "running");
    private static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate", "baggage");

    private RawClientBaseline() {
    }

    /** One event's writes: its result document and its terminal status. */
    private record Result(String id, JsonNode event, String status, Document document) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        try (MongoClient mongo = MongoClients.create(env.get("MONGODB_URL"));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.GROUP_ID_CONFIG, env.get("KAFKA_CONSUMER_GROUP"),
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                     // batches as large as the processor's (its KAFKA_MAX_POLL_RECORDS, 50 by default), not the
                     // client's 500: the same work in the same batches, under the same heap
                     ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.parseInt(env.getOrDefault("KAFKA_MAX_POLL_RECORDS", "50")),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer())) {
            MongoDatabase database = mongo.getDatabase(env.get("MONGODB_DATABASE"));
            MongoCollection<Document> executions = database.getCollection("executions");
            MongoCollection<Document> results = database.getCollection("execution_results");
            MongoCollection<Document> events = database.getCollection("events");
            events.createIndex(new Document("event_id", 1), new IndexOptions().unique(true));
            consumer.subscribe(List.of(env.get("TOPIC_EXECUTION_COMPLETED"), env.get("TOPIC_EXECUTION_FAILED"),
                    env.get("TOPIC_EXECUTION_TIMEOUT")));
            while (true) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(1));
                if (records.isEmpty()) {
                    continue;
                }
                Date now = new Date();
                List<Result> batch = new ArrayList<>(records.count());
                List<Headers> traces = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    batch.add(result(JSON.readTree(record.value()), now));
                    traces.add(record.headers());
                }
                List<String> ids = batch.stream().map(Result::id).toList();

                Set<String> known = new HashSet<>();
                executions.find(Filters.in("execution_id", ids)).projection(Projections.include("execution_id"))
                        .forEach(d -> known.add(d.getString("execution_id")));
                List<BulkWriteUpsert> inserted = results.bulkWrite(batch.stream()
                        .map(r -> new UpdateOneModel<Document>(Filters.eq("_id", r.id()),
                                new Document("$setOnInsert", r.document()), new UpdateOptions().upsert(true)))
                        .toList(), new BulkWriteOptions().ordered(false)).getUpserts();
                // a result that was there before keeps its status: read those back (none here, unless an execution
                // repeats), for the status update and the result event
                Set<Integer> insertedNow = new HashSet<>();
                inserted.forEach(u -> insertedNow.add(u.getIndex()));
                List<String> earlier = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    if (!insertedNow.contains(i)) {
                        earlier.add(batch.get(i).id());
                    }
                }
                Map<String, String> storedStatus = new HashMap<>();
                if (!earlier.isEmpty()) {
                    results.find(Filters.in("_id", earlier)).projection(Projections.include("status"))
                            .forEach(d -> storedStatus.put(d.getString("_id"), d.getString("status")));
                }
                executions.bulkWrite(batch.stream()
                        .map(r -> new UpdateOneModel<Document>(
                                Filters.and(Filters.eq("execution_id", r.id()), Filters.in("status", ACTIVE)),
                                Updates.combine(Updates.set("status", storedStatus.getOrDefault(r.id(), r.status())),
                                        Updates.set("exit_code", r.document().get("exit_code")),
                                        Updates.set("error_type", r.document().get("error_type")),
                                        Updates.set("resource_usage", r.document().get("resource_usage")),
                                        Updates.set("stdout", r.document().get("stdout")),
                                        Updates.set("stderr", r.document().get("stderr")),
                                        Updates.set("updated_at", now))))
                        .toList(), new BulkWriteOptions().ordered(false));

                List<ProducerRecord<byte[], byte[]>> outgoing = new ArrayList<>(batch.size());
                List<WriteModel<Document>> stored = new ArrayList<>(batch.size());
                Date storedAt = new Date();
                for (int i = 0; i < batch.size(); i++) {
                    Result r = batch.get(i);
                    ObjectNode event = resultEvent(r, known.contains(r.id()), storedStatus.getOrDefault(r.id(), r.status()));
                    stored.add(new UpdateOneModel<>(Filters.eq("event_id", event.get("event_id").asText()),
                            new Document("$setOnInsert", eventDocument(event, storedAt)), new UpdateOptions().upsert(true)));
                    outgoing.add(record(env, r, known.contains(r.id()), event, traces.get(i)));
                }
                events.bulkWrite(stored, new BulkWriteOptions().ordered(false));
                List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
                for (ProducerRecord<byte[], byte[]> record : outgoing) {
                    sent.add(producer.send(record));
                }
                producer.flush();
                for (Future<RecordMetadata> acknowledgement : sent) {
                    acknowledgement.get();
                }
                consumer.commitSync();
            }
        }
    }

    /** The result document and terminal status of one event (docs/contract.md §2, without the output cut). */
    private static Result result(JsonNode event, Date now) {
        String id = event.get("execution_id").asText();
        String type = event.get("event_type").asText();
        String stdout = event.path("stdout").asText("");
        String stderr = event.path("stderr").asText("");
        JsonNode usage = event.get("resource_usage");
        Document resourceUsage = usage == null || usage.isNull() ? null : new Document()
                .append("execution_time_wall_seconds", usage.path("execution_time_wall_seconds").asDouble(0))
                .append("cpu_time_jiffies", usage.path("cpu_time_jiffies").asLong(0))
                .append("clk_tck_hertz", usage.path("clk_tck_hertz").asLong(0))
                .append("peak_memory_kb", usage.path("peak_memory_kb").asLong(0));
        String status = switch (type) {
            case "execution_completed" -> "completed";
            case "execution_failed" -> "failed";
            case "execution_timeout" -> "timeout";
            default -> throw new IllegalArgumentException("event_type " + type);
        };
        Document document = new Document("execution_id", id).append("status", status)
                .append("exit_code", switch (status) {
                    case "completed" -> event.get("exit_code").asInt();
                    case "failed" -> event.path("exit_code").asInt(1);
                    default -> -1;
                })
                .append("error_type", switch (status) {
                    case "failed" -> event.get("error_type").asText();
                    case "timeout" -> "timeout";
                    default -> null;
                });
        if (status.equals("timeout")) {
            document.append("timeout_seconds", event.get("timeout_seconds").asInt());
        }
        document.append("stdout", stdout).append("stderr", stderr).append("output_truncated", false)
                .append("resource_usage", resourceUsage)
                .append("duration_seconds", resourceUsage == null ? null : resourceUsage.get("execution_time_wall_seconds"))
                .append("peak_memory_mib", resourceUsage == null ? null : resourceUsage.getLong("peak_memory_kb") / 1024.0)
                .append("size_bytes", sizeBytes(stdout, stderr))
                .append("user_id", event.path("metadata").path("user_id").asText(null))
                .append("event_id", event.path("event_id").asText(null)).append("event_type", type)
                .append("event_timestamp", Date.from(Instant.parse(event.get("timestamp").asText())))
                .append("stored_at", now);
        return new Result(id, event, status, document);
    }

    private static int sizeBytes(String stdout, String stderr) {
        return stdout.getBytes(StandardCharsets.UTF_8).length + stderr.getBytes(StandardCharsets.UTF_8).length;
    }

    /** result_stored with the stored status, or result_failed when the API has no such execution. */
    private static ObjectNode resultEvent(Result r, boolean known, String storedStatus) {
        String type = known ? "result_stored" : "result_failed";
        ObjectNode event = JSON.createObjectNode()
                .put("event_id", UUID.nameUUIDFromBytes((type + ":" + r.id()).getBytes(StandardCharsets.UTF_8)).toString())
                .put("event_type", type).put("event_version", "1.0").put("timestamp", Instant.now().toString())
                .put("aggregate_id", r.id());
        event.putObject("metadata").put("service_name", "result-processor").put("service_version", "baseline")
                .put("user_id", r.event().path("metadata").path("user_id").asText(null))
                .put("environment", r.event().path("metadata").path("environment").asText("production"));
        event.put("execution_id", r.id());
        if (known) {
            event.put("status", storedStatus).put("storage_type", "database").put("storage_path", r.id())
                    .put("size_bytes", r.document().getInteger("size_bytes"));
        } else {
            event.putNull("storage_type").put("reason", "execution_not_found").put("error", "no execution with execution_id " + r.id());
        }
        return event;
    }

    /** The event as the events collection holds it: its fields, its timestamp a date, stored_at and ttl_expires_at. */
    private static Document eventDocument(ObjectNode event, Date storedAt) {
        Document document = fields(event);
        document.put("timestamp", Date.from(Instant.parse(event.get("timestamp").asText())));
        document.append("stored_at", storedAt).append("ttl_expires_at", Date.from(storedAt.toInstant().plus(Duration.ofDays(30))));
        return document;
    }

    private static Document fields(JsonNode object) {
        Document document = new Document();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode value = field.getValue();
            document.append(field.getKey(), value.isObject() ? fields(value) : value.isNull() ? null
                    : value.isNumber() ? (Object) value.longValue() : value.asText());
        }
        return document;
    }

    /** The Kafka record of a result event, with the input's trace headers carried over. */
    private static ProducerRecord<byte[], byte[]> record(Map<String, String> env, Result r, boolean known, ObjectNode event,
                                                         Headers input) throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(env.get(known ? "TOPIC_RESULT_STORED" : "TOPIC_RESULT_FAILED"),
                r.id().getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(event));
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        for (String trace : TRACE_HEADERS) {
            Header header = input.lastHeader(trace);
            if (header != null) {
                record.headers().add(trace, header.value());
            }
        }
        return record;
    }
}
