package org.integr8scode.resultprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.mongodb.CamelMongoDbException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.integr8scode.resultprocessor.event.PoisonRecordException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch-errors and record-errors route configurations as Camel applies them, on stand-in routes shaped like the
 * real ones (a batch route that commits at its end, and a one-at-a-time route over the batch's records) that fail
 * the way the real ones do (camel-mongodb wraps driver errors): what is retried, for how long, what is
 * dead-lettered, and when the offsets are committed. The routes' own tests cannot make MongoDB fail over.
 */
class ErrorPolicyTest {

    private static final ServerAddress SERVER = new ServerAddress();
    private static final int UNEXPECTED_REDELIVERIES = 3;
    private static final List<String> BATCH = List.of("first", "second", "third");

    private final AtomicInteger batchAttempts = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    /** The error_type of each dead letter counted (ResultMetrics.deadLettered), in order. */
    private final List<String> deadLettersCounted = new CopyOnWriteArrayList<>();
    private CamelContext camel;
    private ProducerTemplate template;
    private volatile Supplier<RuntimeException> batchFailure;
    private final AtomicInteger batchFailuresLeft = new AtomicInteger();
    /** The record that fails on its own too, and how (null: not this time). */
    private volatile String badRecord;
    private volatile Supplier<RuntimeException> recordFailure;

    @BeforeEach
    void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("retry.initial-delay-ms", "1");
        properties.setProperty("retry.max-delay-ms", "2");
        properties.setProperty("retry.unexpected-max-redeliveries", String.valueOf(UNEXPECTED_REDELIVERIES));
        // the clean-up's and the sweep's route configurations, beside these
        properties.setProperty("cleanup.max-attempts", "2");
        properties.setProperty("cleanup.retry-initial-delay-ms", "1");
        properties.setProperty("cleanup.retry-max-delay-ms", "2");
        properties.setProperty("sweep.interval-seconds", "1");
        camel.getPropertiesComponent().setInitialProperties(properties);
        camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, new SimpleMeterRegistry());
        camel.getRegistry().bind("kafkaOffsets", new Object() {
            @SuppressWarnings("unused")
            public void commit() {
                commits.incrementAndGet();
            }
        });
        camel.getRegistry().bind("resultMetrics", new Object() {
            @SuppressWarnings("unused")
            public void deadLettered(Exchange record, String errorType) {
                deadLettersCounted.add(errorType);
            }
        });
        camel.addRoutes(new ErrorPolicy());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:batch").routeId("batch").routeConfigurationId("batch-errors")
                        .setProperty("records", body())
                        .process(exchange -> {
                            batchAttempts.incrementAndGet();
                            if (batchFailuresLeft.getAndDecrement() > 0) {
                                throw batchFailure.get();
                            }
                        })
                        .split(body()).to("mock:stored").end()
                        .bean("kafkaOffsets", "commit");
                from("direct:records-one-at-a-time").routeId("one-at-a-time").routeConfigurationId("record-errors")
                        .split(exchangeProperty("records"))
                            .process(exchange -> {
                                RuntimeException failure = exchange.getMessage().getBody(String.class).equals(badRecord)
                                        ? recordFailure.get() : null;
                                if (failure != null) {
                                    throw failure;
                                }
                            })
                            .to("mock:stored");
                from("direct:dead-letter").to("mock:dead-letter");
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    private void batch(Supplier<RuntimeException> failure, int times) {
        try {
            batchInTheBackground(failure, times).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the batch was not done with in 10 s (" + batchAttempts.get() + " attempts)", e);
        }
    }

    private CompletableFuture<Exchange> batchInTheBackground(Supplier<RuntimeException> failure, int times) {
        this.batchFailure = failure;
        this.batchFailuresLeft.set(times);
        return template.asyncSend("direct:batch", exchange -> exchange.getMessage().setBody(BATCH));
    }

    private int received(String mock) {
        return camel.getEndpoint("mock:" + mock, MockEndpoint.class).getReceivedCounter();
    }

    private static CamelMongoDbException wrapped(RuntimeException driverError) {
        return new CamelMongoDbException(driverError);
    }

    @Test
    void aMongoDbFailoverIsRetriedAsLongAsItLastsUncommittedAndNotDeadLettered() throws Exception {
        // a replica-set election: NotPrimary, deep under MongoException, behind camel-mongodb's RuntimeException
        CompletableFuture<Exchange> done = batchInTheBackground(() -> wrapped(new MongoNotPrimaryException(
                new BsonDocument("code", new BsonInt32(10107)).append("errmsg", new BsonString("not primary")), SERVER)),
                Integer.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).until(() -> batchAttempts.get() > 10 * (UNEXPECTED_REDELIVERIES + 1));
        assertThat(commits.get()).as("committed while failing").isZero();
        assertThat(received("dead-letter")).isZero();

        batchFailuresLeft.set(0);
        done.get(10, TimeUnit.SECONDS);
        assertThat(received("stored")).isEqualTo(BATCH.size());
        assertThat(received("dead-letter")).isZero();
        assertThat(commits.get()).isEqualTo(1);
    }

    @Test
    void aLostConnectionOrABrokerWithoutItsReplicasIsRetriedNotDeadLettered() {
        batch(() -> wrapped(new MongoSocketReadException("gone", SERVER)), 6);
        batch(() -> new NotEnoughReplicasException("one of two"), 6);
        assertThat(batchAttempts.get()).isEqualTo(14);
        assertThat(received("stored")).isEqualTo(2 * BATCH.size());
        assertThat(received("dead-letter")).isZero();
        assertThat(commits.get()).isEqualTo(2);
    }

    @Test
    void aBatchThatKeepsFailingIsDoneWithOneRecordAtATimeAndOnlyTheBadRecordIsDeadLettered() {
        badRecord = "second";
        recordFailure = () -> new RecordTooLargeException("over max.request.size");
        batch(() -> new RecordTooLargeException("over max.request.size"), Integer.MAX_VALUE);
        assertThat(batchAttempts.get()).isEqualTo(UNEXPECTED_REDELIVERIES + 1);
        assertThat(received("stored")).as("the good records of the batch").isEqualTo(2);
        assertThat(received("dead-letter")).isEqualTo(1);
        assertThat(camel.getEndpoint("mock:dead-letter", MockEndpoint.class).getExchanges().get(0).getMessage()
                .getBody(String.class)).isEqualTo("second");
        assertThat(deadLettersCounted).containsExactly("unexpected");
        assertThat(commits.get()).isEqualTo(1);
    }

    @Test
    void aRecordThatFailsOnItsOwnForATransientReasonIsRetriedNotDeadLettered() {
        badRecord = "third";
        AtomicInteger transientLeft = new AtomicInteger(5);
        recordFailure = () -> transientLeft.getAndDecrement() > 0
                ? wrapped(new MongoSocketReadException("gone", SERVER)) : null;
        batch(() -> new IllegalStateException("a bug"), Integer.MAX_VALUE);
        assertThat(transientLeft.get()).as("every transient failure was retried").isNegative();
        assertThat(received("stored")).isEqualTo(BATCH.size());
        assertThat(received("dead-letter")).isZero();
        assertThat(commits.get()).isEqualTo(1);
    }

    @Test
    void poisonFoundOnItsOwnIsDeadLetteredAtOnce() {
        badRecord = "first";
        AtomicInteger poisonAttempts = new AtomicInteger();
        recordFailure = () -> {
            poisonAttempts.incrementAndGet();
            return new PoisonRecordException("not a JSON object");
        };
        batch(() -> new IllegalStateException("a bug"), Integer.MAX_VALUE);
        assertThat(poisonAttempts.get()).isEqualTo(1);
        assertThat(received("dead-letter")).isEqualTo(1);
        assertThat(deadLettersCounted).containsExactly("poison_record");
        assertThat(received("stored")).isEqualTo(2);
        assertThat(commits.get()).isEqualTo(1);
    }

    @Test
    void aWriteMongoDbRefusesForGoodAsAWholeIsNotRetriedForEver() {
        badRecord = "first";
        recordFailure = () -> wrapped(new MongoCommandException(new BsonDocument("code", new BsonInt32(121))
                .append("errmsg", new BsonString("Document failed validation")), SERVER));
        batch(() -> wrapped(new MongoCommandException(new BsonDocument("code", new BsonInt32(121))
                .append("errmsg", new BsonString("Document failed validation")), SERVER)), Integer.MAX_VALUE);
        assertThat(batchAttempts.get()).isEqualTo(UNEXPECTED_REDELIVERIES + 1);
        assertThat(received("dead-letter")).isEqualTo(1);
        assertThat(received("stored")).isEqualTo(2);
        assertThat(commits.get()).isEqualTo(1);
    }

    @Test
    void transientIsNeverTakenForUnexpected() {
        assertThat(List.of(FailureKind.of(wrapped(new MongoSocketReadException("gone", SERVER))),
                FailureKind.of(new NotEnoughReplicasException("one of two")))).containsOnly(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new RecordTooLargeException("too large"))).isEqualTo(FailureKind.UNEXPECTED);
    }
}
