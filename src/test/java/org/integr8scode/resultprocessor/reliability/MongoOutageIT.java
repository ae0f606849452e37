package org.integr8scode.resultprocessor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.ConnectionString;
import com.mongodb.ServerAddress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.integr8scode.resultprocessor.support.ProcessorProcess;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport;
import org.integr8scode.resultprocessor.support.ReliabilityTestSupport.Tally;
import org.integr8scode.resultprocessor.support.TcpProxy;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 4: MongoDB unreachable for 30 seconds mid-stream (cut by a TCP proxy). The processor retries with
 * back-off, stays in its consumer group, reports itself not ready, and when MongoDB returns everything is
 * stored, the first event of each execution winning, with nothing dead-lettered. Meanwhile no offset is
 * committed and no result event published (guarantee 1), and the Deployment's probes answer live 200 and ready
 * 503 (so Kubernetes takes it out of service without restarting it); both 200 once MongoDB is back.
 */
class MongoOutageIT extends ReliabilityTestSupport {

    private static final int EXECUTIONS = Integer.getInteger("reliability.executions", 600);

    @Test
    void thirtySecondsWithoutMongoDbLosesNothingAndKeepsTheOrderPerExecution() throws Exception {
        List<String> ids = newExecutionIds(EXECUTIONS);
        givenExecutions(ids);
        ServerAddress mongoAddress = new ServerAddress(
                new ConnectionString(mongoServer().connectionString()).getHosts().get(0));
        try (TcpProxy mongoProxy = new TcpProxy(mongoAddress.getHost(), mongoAddress.getPort())) {
            ProcessorProcess processor = startProcessor("p",
                    processorEnvironment("mongodb://127.0.0.1:" + mongoProxy.port()));

            // two events per execution on one partition: the first must win, outage or not
            List<ProducerRecord<byte[], byte[]>> firstHalf = new ArrayList<>();
            List<ProducerRecord<byte[], byte[]>> secondHalf = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                List<ProducerRecord<byte[], byte[]>> half = i < ids.size() / 2 ? firstHalf : secondHalf;
                half.add(record(completedTopic, TestEvents.completed(ids.get(i), 0, "first", "")));
                half.add(record(completedTopic, TestEvents.completed(ids.get(i), 9, "second", "")));
            }
            publishAll(firstHalf);
            awaitStored(EXECUTIONS / 10, Duration.ofMinutes(2));

            mongoProxy.cut();
            long cutAt = System.nanoTime();
            publishAll(secondHalf);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                var health = processor.health();
                return health != null && health.statusCode() == 503
                        && health.body().contains("{\"name\":\"mongodb\",\"status\":\"DOWN\"");
            });
            // the Deployment's probes (deploy/): alive, so not restarted, but out of the Service until MongoDB is back
            await().atMost(Duration.ofSeconds(20)).until(processor::probes, "200/503"::equals);
            boolean member = inConsumerGroup();
            long committedWhenCut = committedRecords();
            int resultEventsWhenCut = published.on(storedTopic).size();
            Thread.sleep(Math.max(0, 30_000 - (System.nanoTime() - cutAt) / 1_000_000));
            boolean stillMember = inConsumerGroup();
            long committedBeforeRestore = committedRecords();
            int resultEventsBeforeRestore = published.on(storedTopic).size();
            mongoProxy.restore();

            Tally tally = assertEveryExecutionStoredOnceAndAgreeing(ids, Duration.ofMinutes(4));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var health = processor.health();
                return health != null && health.statusCode() == 200;
            });
            await().atMost(Duration.ofSeconds(30)).until(processor::probes, "200/200"::equals);
            // guarantee 1: nothing stored, so nothing published and no offset committed while MongoDB was out
            assertThat(committedBeforeRestore).as("records committed during the outage").isEqualTo(committedWhenCut);
            assertThat(resultEventsBeforeRestore).as("result events during the outage").isEqualTo(resultEventsWhenCut);
            assertThat(committedBeforeRestore).as("records committed before MongoDB returned")
                    .isLessThan(2L * EXECUTIONS);
            await().atMost(Duration.ofSeconds(30)).until(() -> committedRecords() == 2L * EXECUTIONS);
            assertThat(member).as("in the consumer group while MongoDB is out").isTrue();
            assertThat(stillMember).as("still in the consumer group after 30 s without MongoDB").isTrue();
            assertThat(results().countDocuments(new Document("exit_code", 9))).as("a second event never wins").isZero();
            System.out.printf("MongoOutageIT: %d executions (%d records), MongoDB cut for 30 s, in its group at the cut "
                    + "and 30 s on: %s/%s, records committed at the cut %d and before the restore %d, result events %d "
                    + "and %d; after: %s, %d second events won%n", EXECUTIONS, 2 * EXECUTIONS, member, stillMember,
                    committedWhenCut, committedBeforeRestore, resultEventsWhenCut, resultEventsBeforeRestore, tally,
                    results().countDocuments(new Document("exit_code", 9)));
        }
    }

    private boolean inConsumerGroup() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(lane.group())).all().get()
                    .get(lane.group());
            return group.members().size() == 1 && !group.members().iterator().next().assignment().topicPartitions().isEmpty();
        }
    }
}
