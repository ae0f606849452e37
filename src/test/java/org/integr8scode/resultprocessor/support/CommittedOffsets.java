package org.integr8scode.resultprocessor.support;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What a consumer group is done with, as the broker answers an operator: the offsets the group has committed. */
public final class CommittedOffsets implements AutoCloseable {

    private final Admin admin;

    public CommittedOffsets(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The group's committed offset on the partition (the next record it would read); 0 while it has committed none. */
    public long on(String group, TopicPartition partition) {
        OffsetAndMetadata committed = committed(group).get(partition);
        return committed == null ? 0 : committed.offset();
    }

    /** The group's committed offsets summed over every partition: with one record an execution, the executions done. */
    public long total(String group) {
        return committed(group).values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the committed offsets of " + group + " could not be read", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
