package org.integr8scode.resultprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.integr8scode.resultprocessor.support.TestEvents.newExecutionId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mongodb.CamelMongoDbException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.integr8scode.resultprocessor.batch.MappedBatch;
import org.integr8scode.resultprocessor.batch.MappedRecord;
import org.integr8scode.resultprocessor.event.PoisonRecordException;
import org.integr8scode.resultprocessor.publish.DeadLetterHeaders;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error policy (the batch-errors and record-errors route configurations of routes/error-policy.camel.yaml) on
 * the real routes: failures are woven in where they happen, thrown as camel-mongodb and the Kafka producer throw
 * them, at the batch's first MongoDB round trip in {@code store-batch} (the driver's errors wrapped in
 * {@link CamelMongoDbException}) and before the send to result_stored in {@code store-and-publish}. The database in
 * the test JVM cannot fail over nor the broker refuse one topic's writes, hence the weaving. What is retried, for how
 * long, what is dead-lettered, and when the offsets are committed. Each case publishes a batch of three records on
 * one partition, held back until all are there so that the consumer gets them in one poll.
 */
class ErrorPolicyTest extends ResultProcessorTestSupport {

    private static final ServerAddress SERVER = new ServerAddress();
    private static final int UNEXPECTED_REDELIVERIES = 3;

    /** The execution ids of each batch that reached the woven MongoDB round trip, in order. */
    private final List<List<String>> storeAttempts = new CopyOnWriteArrayList<>();
    /** The same, for the send of the result events. */
    private final List<List<String>> sendAttempts = new CopyOnWriteArrayList<>();
    /** What the woven steps throw for a batch's execution ids (null: nothing). */
    private volatile Function<List<String>, RuntimeException> storeFailure = ids -> null;
    private volatile Function<List<String>, RuntimeException> sendFailure = ids -> null;
    private boolean woven;

    @Override
    protected Properties overrides() {
        Properties properties = super.overrides();
        properties.setProperty("retry.initial-delay-ms", "1");
        properties.setProperty("retry.max-delay-ms", "2");
        properties.setProperty("retry.unexpected-max-redeliveries", String.valueOf(UNEXPECTED_REDELIVERIES));
        return properties;
    }

    @BeforeEach
    void weaveFailuresIntoTheRealRoutes() throws Exception {
        storeFailure = ids -> null;
        sendFailure = ids -> null;
        storeAttempts.clear();
        sendAttempts.clear();
        if (woven) {
            return;
        }
        // the batch's first MongoDB round trip (store-batch's first step)
        AdviceWith.adviceWith(context(), "find-executions", route -> route.weaveByToUri("mongodb:.*").selectFirst()
                .before().process(exchange -> fail(exchange, storeAttempts, storeFailure)));
        AdviceWith.adviceWith(context(), "store-and-publish", route -> route.weaveByToUri("kafka:.*result-stored.*")
                .before().process(exchange -> fail(exchange, sendAttempts, sendFailure)));
        woven = true;
    }

    private static void fail(Exchange exchange, List<List<String>> attempts,
                             Function<List<String>, RuntimeException> failure) {
        List<String> ids = exchange.getVariable("mappedBatch", MappedBatch.class).mapped().stream()
                .map(MappedRecord::executionId).toList();
        attempts.add(ids);
        RuntimeException thrown = failure.apply(ids);
        if (thrown != null) {
            throw thrown;
        }
    }

    private static long attempts(List<List<String>> attempts, List<String> batch) {
        return attempts.stream().filter(batch::equals).count();
    }

    /** Three queued executions whose completed events are published as one batch; the offset after the last. */
    private long publishedBatch(List<String> ids) throws Exception {
        ids.forEach(this::givenExecution);
        List<RecordMetadata> sent = new ArrayList<>();
        publishedAsOneBatch(() -> ids.forEach(id -> sent.add(publish(completedTopic, 0, id.getBytes(StandardCharsets.UTF_8),
                TestEvents.bytes(TestEvents.completed(id, 0, "out of " + id, "")), Map.of()))));
        return sent.get(sent.size() - 1).offset() + 1;
    }

    private static List<String> newBatch() {
        return List.of(newExecutionId(), newExecutionId(), newExecutionId());
    }

    /** The batches are published on this partition. */
    private long committedOffset() {
        return committedOffset(new TopicPartition(completedTopic, 0));
    }

    private void awaitCommitted(long offset) {
        await("the batch's offsets committed").atMost(Duration.ofSeconds(30)).until(() -> committedOffset() == offset);
    }

    private void awaitAnsweredOnce(List<String> ids) {
        for (String id : ids) {
            awaitRecords(storedTopic, 1, keyed(id));
            assertThat(result(id)).as("result of " + id).isNotNull();
        }
        for (String id : ids) {
            assertThat(published.on(storedTopic, keyed(id))).as("result_stored of " + id).hasSize(1);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLetters(List<String> ids) {
        return published.on(deadLetterTopic, record -> ids.contains(key(record)));
    }

    private double deadLettersCounted(String errorType) {
        return metric("event_processing_errors_total", "error_type=\"" + errorType + "\"");
    }

    private static CamelMongoDbException wrapped(RuntimeException driverError) {
        return new CamelMongoDbException(driverError);
    }

    @Test
    void aMongoDbFailoverIsRetriedAsLongAsItLastsUncommittedAndNotDeadLettered() throws Exception {
        // a replica-set election: NotPrimary, deep under MongoException, behind camel-mongodb's RuntimeException
        AtomicBoolean electing = new AtomicBoolean(true);
        storeFailure = ids -> electing.get() ? wrapped(new MongoNotPrimaryException(new BsonDocument("code",
                new BsonInt32(10107)).append("errmsg", new BsonString("not primary")), SERVER)) : null;
        List<String> batch = newBatch();
        long committedBefore = committedOffset();
        long end = publishedBatch(batch);

        await("retried as long as it lasts").atMost(Duration.ofSeconds(30))
                .until(() -> attempts(storeAttempts, batch) > 10 * (UNEXPECTED_REDELIVERIES + 1));
        assertThat(committedOffset()).as("committed while failing").isEqualTo(committedBefore);
        assertThat(published.on(storedTopic, record -> batch.contains(key(record)))).isEmpty();
        assertThat(storeAttempts).as("never done with one record at a time").allMatch(batch::equals);

        electing.set(false);
        awaitAnsweredOnce(batch);
        awaitCommitted(end);
        assertThat(deadLetters(batch)).isEmpty();
    }

    @Test
    void aLostConnectionOrABrokerWithoutItsReplicasIsRetriedNotDeadLettered() throws Exception {
        AtomicInteger connectionLosses = new AtomicInteger(6);
        storeFailure = ids -> connectionLosses.getAndDecrement() > 0 ? wrapped(new MongoSocketReadException("gone", SERVER)) : null;
        List<String> first = newBatch();
        awaitCommitted(publishedBatch(first));
        awaitAnsweredOnce(first);
        assertThat(attempts(storeAttempts, first)).isEqualTo(7);

        AtomicInteger refusals = new AtomicInteger(6);
        sendFailure = ids -> refusals.getAndDecrement() > 0 ? new NotEnoughReplicasException("one of two") : null;
        List<String> second = newBatch();
        awaitCommitted(publishedBatch(second));
        awaitAnsweredOnce(second);
        assertThat(attempts(sendAttempts, second)).as("the whole store-and-publish step retried").isEqualTo(7);
        assertThat(attempts(storeAttempts, second)).isEqualTo(7);
        assertThat(deadLetters(first)).isEmpty();
        assertThat(deadLetters(second)).isEmpty();
    }

    @Test
    void aBatchThatKeepsFailingIsDoneWithOneRecordAtATimeAndOnlyTheBadRecordIsDeadLettered() throws Exception {
        List<String> batch = newBatch();
        String bad = batch.get(1);
        // its result event is over the producer's max.request.size, alone or with the others
        sendFailure = ids -> ids.contains(bad) ? new RecordTooLargeException("over max.request.size") : null;
        double unexpectedBefore = deadLettersCounted("unexpected");
        long end = publishedBatch(batch);

        awaitCommitted(end);
        assertThat(attempts(sendAttempts, batch)).isEqualTo(UNEXPECTED_REDELIVERIES + 1);
        assertThat(attempts(sendAttempts, List.of(bad))).isEqualTo(UNEXPECTED_REDELIVERIES + 1);
        awaitAnsweredOnce(List.of(batch.get(0), batch.get(2)));
        List<ConsumerRecord<byte[], byte[]>> deadLetters = deadLetters(batch);
        assertThat(deadLetters).extracting(this::key).containsExactly(bad);
        assertThat(header(deadLetters.get(0), DeadLetterHeaders.ERROR_CLASS)).contains("RecordTooLargeException");
        assertThat(published.on(storedTopic, keyed(bad))).isEmpty();
        assertThat(deadLettersCounted("unexpected") - unexpectedBefore).isEqualTo(1);
    }

    @Test
    void aRecordThatFailsOnItsOwnForATransientReasonIsRetriedNotDeadLettered() throws Exception {
        List<String> batch = newBatch();
        String third = batch.get(2);
        AtomicInteger transientLeft = new AtomicInteger(5);
        storeFailure = ids -> ids.size() > 1 ? new IllegalStateException("a bug")
                : ids.equals(List.of(third)) && transientLeft.getAndDecrement() > 0
                ? wrapped(new MongoSocketReadException("gone", SERVER)) : null;
        long end = publishedBatch(batch);

        awaitCommitted(end);
        awaitAnsweredOnce(batch);
        assertThat(attempts(storeAttempts, batch)).isEqualTo(UNEXPECTED_REDELIVERIES + 1);
        assertThat(transientLeft.get()).as("every transient failure was retried").isNegative();
        assertThat(attempts(storeAttempts, List.of(third))).isEqualTo(6);
        assertThat(deadLetters(batch)).isEmpty();
    }

    @Test
    void poisonFoundOnItsOwnIsDeadLetteredAtOnce() throws Exception {
        List<String> batch = newBatch();
        String first = batch.get(0);
        storeFailure = ids -> ids.size() > 1 ? new IllegalStateException("a bug")
                : ids.equals(List.of(first)) ? new PoisonRecordException("not a JSON object") : null;
        double poisonBefore = deadLettersCounted("poison_record");
        long end = publishedBatch(batch);

        awaitCommitted(end);
        awaitAnsweredOnce(List.of(batch.get(1), batch.get(2)));
        assertThat(attempts(storeAttempts, List.of(first))).isEqualTo(1);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = deadLetters(batch);
        assertThat(deadLetters).extracting(this::key).containsExactly(first);
        assertThat(header(deadLetters.get(0), DeadLetterHeaders.ERROR_CLASS)).contains("PoisonRecordException");
        assertThat(deadLettersCounted("poison_record") - poisonBefore).isEqualTo(1);
        assertThat(result(first)).isNull();
    }

    @Test
    void aWriteMongoDbRefusesForGoodAsAWholeIsNotRetriedForEver() throws Exception {
        List<String> batch = newBatch();
        String first = batch.get(0);
        storeFailure = ids -> ids.contains(first) ? wrapped(new MongoCommandException(new BsonDocument("code",
                new BsonInt32(121)).append("errmsg", new BsonString("Document failed validation")), SERVER)) : null;
        long end = publishedBatch(batch);

        awaitCommitted(end);
        awaitAnsweredOnce(List.of(batch.get(1), batch.get(2)));
        assertThat(attempts(storeAttempts, batch)).isEqualTo(UNEXPECTED_REDELIVERIES + 1);
        assertThat(attempts(storeAttempts, List.of(first))).isEqualTo(UNEXPECTED_REDELIVERIES + 1);
        assertThat(deadLetters(batch)).extracting(this::key).containsExactly(first);
        assertThat(result(first)).isNull();
    }

    @Test
    void transientIsNeverTakenForUnexpected() {
        assertThat(List.of(FailureKind.of(wrapped(new MongoSocketReadException("gone", SERVER))),
                FailureKind.of(new NotEnoughReplicasException("one of two")))).containsOnly(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RecordTooLargeException("too large"))).isEqualTo(FailureKind.UNEXPECTED);
    }
}
