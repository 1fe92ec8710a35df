package io.partitionmq.group;

import static io.partitionmq.access.Permission.CONSUME;

import io.partitionmq.access.AnyUser;
import io.partitionmq.access.Requires;
import io.partitionmq.remote.Idempotent;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;

/** What a consumer group's members do ({@link ConsumerGroups} documents each operation). */
public interface ConsumerGroupOperations {
    GroupMembership join(String group, String memberId, @Requires(CONSUME) Collection<String> topics,
            AssignmentStrategy strategy, Duration sessionTimeout);

    GroupMembership heartbeat(String group, String memberId, @Requires(CONSUME) Collection<TopicPartition> held);

    GroupMembership heartbeat(String group, String memberId, @Requires(CONSUME) Collection<TopicPartition> held,
            @Requires(CONSUME) Collection<String> topics);

    @AnyUser
    void leave(String group, String memberId);

    void commit(String group, String memberId, int generation, @Requires(CONSUME) Map<TopicPartition, Long> offsets,
            String metadata);

    @Idempotent
    OptionalLong committed(String group, @Requires(CONSUME) TopicPartition partition);
}
