package org.integr8scode.resultprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
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
import org.integr8scode.resultprocessor.offsets.KafkaOffsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The record-errors route configuration as Camel applies it, on a route that fails the way the real ones do
 * (camel-mongodb wraps every driver error): what is retried, for how long, what is dead-lettered or answered with
 * result_failed, and when the offset is committed. The routes' own tests cannot make MongoDB fail over.
 */
class ErrorPolicyTest {

    private static final ServerAddress SERVER = new ServerAddress();
    private static final int UNEXPECTED_REDELIVERIES = 3;

    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private CamelContext camel;
    private ProducerTemplate template;
    private volatile Supplier<RuntimeException> failure;
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("retry.initial-delay-ms", "1");
        properties.setProperty("retry.max-delay-ms", "2");
        properties.setProperty("retry.unexpected-max-redeliveries", String.valueOf(UNEXPECTED_REDELIVERIES));
        camel.getPropertiesComponent().setInitialProperties(properties);
        camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, new SimpleMeterRegistry());
        camel.getRegistry().bind("kafkaOffsets", new KafkaOffsets());
        camel.getRegistry().bind("storageRejection", new Object() {
            @SuppressWarnings("unused")
            public String resultFailed() {
                return "result_failed storage_rejected";
            }
        });
        camel.addRoutes(new ErrorPolicy());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:record").routeId("record").routeConfigurationId("record-errors")
                        .process(exchange -> {
                            attempts.incrementAndGet();
                            if (failuresLeft.getAndDecrement() > 0) {
                                throw failure.get();
                            }
                        })
                        .to("mock:stored");
                from("direct:dead-letter").to("mock:dead-letter");
                from("direct:publish-result").to("mock:result-failed");
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    private void record(Supplier<RuntimeException> failure, int times, boolean withPendingResult) {
        try {
            recordInTheBackground(failure, times, withPendingResult).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the record was not done with in 10 s (" + attempts.get() + " attempts)", e);
        }
    }

    private CompletableFuture<Exchange> recordInTheBackground(Supplier<RuntimeException> failure, int times,
                                                            boolean withPendingResult) {
        this.failure = failure;
        this.failuresLeft.set(times);
        return template.asyncSend("direct:record", exchange -> {
            exchange.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, (KafkaManualCommit) commits::incrementAndGet);
            if (withPendingResult) {
                exchange.setProperty("pendingResult", "a result");
            }
        });
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
        CompletableFuture<Exchange> done = recordInTheBackground(() -> wrapped(new MongoNotPrimaryException(
                new BsonDocument("code", new BsonInt32(10107)).append("errmsg", new BsonString("not primary")), SERVER)),
                Integer.MAX_VALUE, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() > 10 * (UNEXPECTED_REDELIVERIES + 1));
        assertThat(commits.get()).as("committed while failing").isZero();
        assertThat(received("dead-letter")).isZero();

        failuresLeft.set(0);
        done.get(10, TimeUnit.SECONDS);
        assertThat(received("stored")).isEqualTo(1);
        assertThat(received("dead-letter")).isZero();
        assertThat(commits.get()).isEqualTo(1);
    }

    @Test
    void aLostConnectionOrABrokerWithoutItsReplicasIsRetriedNotDeadLettered() {
        record(() -> wrapped(new MongoSocketReadException("gone", SERVER)), 6, true);
        record(() -> new NotEnoughReplicasException("one of two"), 6, true);
        assertThat(attempts.get()).isEqualTo(14);
        assertThat(received("stored")).isEqualTo(2);
        assertThat(received("dead-letter")).isZero();
        assertThat(commits.get()).isEqualTo(2);
    }

    @Test
    void poisonIsDeadLetteredAtOnceAndCommitted() {
        record(() -> new PoisonRecordException("not a JSON object"), 1, true);
        assertThat(attempts.get()).isEqualTo(1);
        assertThat(received("dead-letter")).isEqualTo(1);
        assertThat(received("stored")).isZero();
        assertThat(commits.get()).isEqualTo(1);
    }

    @Test
    void aDocumentMongoDbRefusesForGoodIsAnsweredWithResultFailedAtOnce() {
        record(() -> wrapped(new MongoWriteException(new WriteError(121, "Document failed validation",
                new BsonDocument()), SERVER, java.util.Set.of())), Integer.MAX_VALUE, true);
        assertThat(attempts.get()).isEqualTo(1);
        assertThat(received("result-failed")).isEqualTo(1);
        assertThat(received("dead-letter")).isZero();
        assertThat(commits.get()).isEqualTo(1);
    }

    @Test
    void aRecordKafkaRefusesAsTooLargeIsRetriedAFewTimesThenDeadLettered() {
        record(() -> new RecordTooLargeException("over max.request.size"), Integer.MAX_VALUE, true);
        assertThat(attempts.get()).isEqualTo(UNEXPECTED_REDELIVERIES + 1);
        assertThat(received("dead-letter")).isEqualTo(1);
        assertThat(commits.get()).isEqualTo(1);
    }

    @Test
    void anUnexpectedErrorIsRetriedAFewTimesThenDeadLettered() {
        record(() -> new IllegalStateException("a bug"), Integer.MAX_VALUE, true);
        assertThat(attempts.get()).isEqualTo(UNEXPECTED_REDELIVERIES + 1);
        assertThat(received("dead-letter")).isEqualTo(1);
        assertThat(received("result-failed")).isZero();
    }
}
