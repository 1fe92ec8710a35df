package io.partitionmq.group;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.partitionmq.log.ConfirmedWrites;
import io.partitionmq.log.InvalidTopicException;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.PartitionSummary;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.log.UnknownTopicException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Kafka-style consumer groups: members join with the topics they subscribe to, heartbeat within their session
 * timeout, and own the partitions their group's coordinator assigned them in the current generation; commits
 * from a member of an older generation are refused, so a zombie cannot move offsets.
 */
public final class ConsumerGroups implements ConsumerGroupOperations {
    public static final String GROUPS_MAP = "pmq.groups";

    private final IMap<String, ConsumerGroupState> groups;
    private final PartitionLogs logs;

    public ConsumerGroups(HazelcastInstance hazelcast, PartitionLogs logs) {
        this.groups = hazelcast.getMap(GROUPS_MAP);
        this.logs = logs;
    }

    /** Joins (or rejoins, with a known member id) a group; the reply carries the member's partitions. */
    public GroupMembership join(String group, String memberId, Collection<String> topics,
            AssignmentStrategy strategy, Duration sessionTimeout) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a member subscribes to at least one topic");
        }
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("the session timeout must be positive, got " + sessionTimeout);
        }
        Map<String, Integer> partitions = new TreeMap<>();
        for (String topic : topics) {
            partitions.put(topic, logs.topic(topic).partitions());
        }
        return (GroupMembership) call(group, GroupOperation.join(memberId, partitions, strategy,
                sessionTimeout.toMillis()));
    }

    /**
     * Tells the coordinator the member lives and which partitions it still holds; the reply has what it owns
     * now (including partitions granted to it) and its target.
     */
    public GroupMembership heartbeat(String group, String memberId, Collection<TopicPartition> held) {
        return heartbeat(group, memberId, held, List.of());
    }

    /**
     * {@link #heartbeat(String, String, Collection)} that also reports the current partition counts of
     * {@code topics}, so that the group rebalances when one of them gains partitions.
     */
    public GroupMembership heartbeat(String group, String memberId, Collection<TopicPartition> held,
            Collection<String> topics) {
        Map<String, Integer> partitions = new TreeMap<>();
        for (String topic : topics) {
            logs.findTopic(topic).ifPresent(found -> partitions.put(topic, found.partitions()));
        }
        return (GroupMembership) call(group, GroupOperation.heartbeat(memberId, new java.util.HashSet<>(held),
                partitions));
    }

    public void leave(String group, String memberId) {
        call(group, GroupOperation.leave(memberId));
    }

    /**
     * Commits offsets (the next offset to consume) of partitions the member owns. Throws
     * {@link CommitFailedException} if the member was fenced (its session expired) or does not own a partition.
     */
    public void commit(String group, String memberId, int generation, Map<TopicPartition, Long> offsets,
            String metadata) {
        requireValid(offsets);
        // Committed once a backup holds it too, so that no commit is lost in a split: sent again until one does
        // (the same commit twice sets the same offsets).
        refusalChecked(ConfirmedWrites.executeRepeatable(groups, requireName(group),
                GroupOperation.commit(memberId, generation, offsets, metadata)));
    }

    /** Sets committed offsets of a group that has no active member (an operator's reset). */
    public void resetOffsets(String group, Map<TopicPartition, Long> offsets) {
        requireValid(offsets);
        call(group, GroupOperation.reset(offsets));
    }

    /**
     * The offsets a reset would commit for every partition of the group's topics, each kept within the
     * partition's log (a dry run: nothing changes).
     */
    public Map<TopicPartition, Long> planReset(String group, OffsetReset reset) {
        GroupDescription current = describe(group);
        Map<TopicPartition, Long> planned = new TreeMap<>();
        for (TopicPartition partition : current.lag().keySet()) {
            PartitionSummary log = logs.summary(partition.topic(), partition.partition());
            long committed = current.committed().getOrDefault(partition, log.startOffset());
            long target = switch (reset.kind()) {
                case EARLIEST -> log.startOffset();
                case LATEST -> log.endOffset();
                case OFFSET -> reset.value();
                case SHIFT -> committed + reset.value();
                case TIMESTAMP -> logs.offsetForTimestamp(partition.topic(), partition.partition(), reset.value())
                        .orElse(log.endOffset());
            };
            planned.put(partition, Math.max(log.startOffset(), Math.min(log.endOffset(), target)));
        }
        return planned;
    }

    /** Deletes a group that has no active member, with its committed offsets. */
    public void delete(String group) {
        call(group, GroupOperation.delete());
    }

    /**
     * Deletes the groups this member coordinates that have had no member for {@code retention} (their committed
     * offsets expire, as Kafka's offsets.retention); only callable on a broker member. Returns how many.
     */
    public int expireEmptyGroups(Duration retention) {
        int expired = 0;
        for (String group : groups.localKeySet()) {
            if (Boolean.TRUE.equals(groups.executeOnKey(group, GroupOperation.expire(retention.toMillis())))) {
                expired++;
            }
        }
        return expired;
    }

    /** Puts the groups a broker's store kept back into the cluster (after a restart); returns how many. */
    public int restore(Map<String, byte[]> stored) {
        stored.forEach((group, state) -> groups.executeOnKey(group,
                GroupOperation.restore(ConsumerGroupState.fromBytes(state))));
        return stored.size();
    }

    public OptionalLong committed(String group, TopicPartition partition) {
        ConsumerGroupState state = groups.get(group);
        ConsumerGroupState.Committed committed = state == null ? null : state.committed.get(partition);
        return committed == null ? OptionalLong.empty() : OptionalLong.of(committed.offset());
    }

    /** The groups this member coordinates; only callable on a broker member (for its metrics). */
    public List<String> listLocal() {
        List<String> names = new ArrayList<>(groups.localKeySet());
        names.sort(null);
        return names;
    }

    public List<String> list() {
        List<String> names = new ArrayList<>(groups.keySet());
        names.sort(null);
        return names;
    }

    /**
     * For each partition some consumer group reads, the lowest offset those groups committed there (0 for a group
     * that has committed nothing there yet): before it, every consumer group has consumed the partition.
     */
    public Map<TopicPartition, Long> lowestCommitted() {
        Map<TopicPartition, Long> lowest = new HashMap<>();
        for (ConsumerGroupState state : groups.values()) {
            state.partitions.forEach((topic, count) -> {
                for (int p = 0; p < count; p++) {
                    TopicPartition partition = new TopicPartition(topic, p);
                    ConsumerGroupState.Committed committed = state.committed.get(partition);
                    lowest.merge(partition, committed == null ? 0 : committed.offset(), Math::min);
                }
            });
        }
        return lowest;
    }

    public GroupDescription describe(String group) {
        ConsumerGroupState state = groups.get(group);
        if (state == null) {
            throw new UnknownGroupException(group);
        }
        Map<TopicPartition, Long> committed = new TreeMap<>();
        state.committed.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        Map<TopicPartition, Long> lag = new TreeMap<>();
        state.partitions.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                PartitionSummary summary = logs.summary(topic, p);
                TopicPartition partition = new TopicPartition(topic, p);
                long from = committed.containsKey(partition) ? committed.get(partition) : summary.startOffset();
                lag.put(partition, Math.max(0, summary.endOffset() - from));
            }
        });
        Map<String, List<TopicPartition>> owners = new LinkedHashMap<>();
        state.owned.forEach((member, partitions) -> owners.put(member, new ArrayList<>(partitions)));
        return new GroupDescription(group, state.generation, state.strategy, owners, committed, lag);
    }

    private void requireValid(Map<TopicPartition, Long> offsets) {
        for (Map.Entry<TopicPartition, Long> offset : offsets.entrySet()) {
            if (offset.getValue() < 0) {
                throw new IllegalArgumentException("offsets are not negative; got " + offset.getValue() + " for "
                        + offset.getKey());
            }
            TopicMetadata topic = logs.findTopic(offset.getKey().topic())
                    .orElseThrow(() -> new UnknownTopicException(offset.getKey().topic()));
            try {
                topic.requirePartition(offset.getKey().partition());
            } catch (InvalidTopicException e) {
                throw new InvalidTopicException("cannot commit for " + offset.getKey() + ": " + e.getMessage());
            }
        }
    }

    private Object call(String group, GroupOperation operation) {
        return refusalChecked(groups.executeOnKey(requireName(group), operation));
    }

    private static String requireName(String group) {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("a consumer group needs a name");
        }
        return group;
    }

    private static Object refusalChecked(Object reply) {
        if (reply instanceof GroupOperation.Refusal refusal) {
            throw switch (refusal.why()) {
                case FENCED -> new CommitFailedException(refusal.reason());
                case NOT_EMPTY -> new GroupNotEmptyException(refusal.reason());
                case UNKNOWN_MEMBER -> new IllegalStateException(refusal.reason());
            };
        }
        return reply;
    }
}
