package io.partitionmq.group;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import io.partitionmq.log.LogStore;
import io.partitionmq.log.MinimumClusterSize;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One change of a consumer group, run on its coordinator with the coordinator's clock; the backups take over the
 * resulting state. Rare next to appends (joins, heartbeats, commits), so plain Java serialization serves.
 */
final class GroupOperation implements EntryProcessor<String, ConsumerGroupState, Object>, HazelcastInstanceAware,
        Serializable {
    private static final long serialVersionUID = 1L;

    enum Kind { JOIN, HEARTBEAT, LEAVE, COMMIT, RESET, DELETE, EXPIRE, APPLY, RESTORE }

    /** What a refused operation reports back (exceptions thrown here would reach clients unnamed). */
    record Refusal(Reason why, String reason) implements Serializable {
        enum Reason { FENCED, UNKNOWN_MEMBER, NOT_EMPTY }
    }

    private final Kind kind;
    private final String memberId;
    private final int generation;
    private final Set<String> topics;
    private final Set<TopicPartition> held;
    private final Map<String, Integer> partitions;
    private final AssignmentStrategy strategy;
    private final long sessionTimeoutMillis;
    private final Map<TopicPartition, Long> offsets;
    private final String metadata;
    private ConsumerGroupState result;
    private transient HazelcastInstance member;

    private GroupOperation(Kind kind, String memberId, int generation, Set<String> topics,
            Map<String, Integer> partitions, AssignmentStrategy strategy, long sessionTimeoutMillis,
            Map<TopicPartition, Long> offsets, String metadata, ConsumerGroupState result) {
        this(kind, memberId, generation, topics, Set.of(), partitions, strategy, sessionTimeoutMillis, offsets,
                metadata, result);
    }

    private GroupOperation(Kind kind, String memberId, int generation, Set<String> topics, Set<TopicPartition> held,
            Map<String, Integer> partitions, AssignmentStrategy strategy, long sessionTimeoutMillis,
            Map<TopicPartition, Long> offsets, String metadata, ConsumerGroupState result) {
        this.kind = kind;
        this.memberId = memberId;
        this.generation = generation;
        this.topics = topics;
        this.held = held;
        this.partitions = partitions;
        this.strategy = strategy;
        this.sessionTimeoutMillis = sessionTimeoutMillis;
        this.offsets = offsets;
        this.metadata = metadata;
        this.result = result;
    }

    static GroupOperation join(String memberId, Map<String, Integer> partitions, AssignmentStrategy strategy,
            long sessionTimeoutMillis) {
        return new GroupOperation(Kind.JOIN, memberId, 0, Set.copyOf(partitions.keySet()),
                new HashMap<>(partitions), strategy, sessionTimeoutMillis, null, null, null);
    }

    /**
     * @param held       the partitions the member still holds (it has released those its target lost)
     * @param partitions the current partition count of the member's topics: a topic that grew is rebalanced
     */
    static GroupOperation heartbeat(String memberId, Set<TopicPartition> held, Map<String, Integer> partitions) {
        return new GroupOperation(Kind.HEARTBEAT, memberId, 0, null, Set.copyOf(held), new HashMap<>(partitions),
                null, 0, null, null, null);
    }

    static GroupOperation leave(String memberId) {
        return new GroupOperation(Kind.LEAVE, memberId, 0, null, null, null, 0, null, null, null);
    }

    static GroupOperation commit(String memberId, int generation, Map<TopicPartition, Long> offsets,
            String metadata) {
        return new GroupOperation(Kind.COMMIT, memberId, generation, null, null, null, 0, new HashMap<>(offsets),
                metadata, null);
    }

    static GroupOperation reset(Map<TopicPartition, Long> offsets) {
        return new GroupOperation(Kind.RESET, null, 0, null, null, null, 0, new HashMap<>(offsets), null, null);
    }

    /** Deletes the group if it has had no member for {@code retentionMillis} (its offsets expire). */
    static GroupOperation expire(long retentionMillis) {
        return new GroupOperation(Kind.EXPIRE, null, 0, null, null, null, retentionMillis, null, null, null);
    }

    static GroupOperation delete() {
        return new GroupOperation(Kind.DELETE, null, 0, null, null, null, 0, null, null, null);
    }

    /** Puts a group a store kept back into the cluster, unless the cluster has it already. */
    static GroupOperation restore(ConsumerGroupState state) {
        return new GroupOperation(Kind.RESTORE, null, 0, null, null, null, 0, null, null, state);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.member = hazelcast;
    }

    @Override
    public Object process(Map.Entry<String, ConsumerGroupState> entry) {
        if (kind == Kind.RESTORE && entry.getValue() != null) {
            result = entry.getValue();
            return Boolean.FALSE;
        }
        if (kind == Kind.APPLY || kind == Kind.RESTORE) {
            entry.setValue(result);
            persist(entry.getKey());
            return Boolean.TRUE;
        }
        MinimumClusterSize.require(member, entry.getKey());
        long now = System.currentTimeMillis();
        if (entry.getValue() == null && kind == Kind.EXPIRE) {
            return Boolean.FALSE;
        }
        ConsumerGroupState state = entry.getValue() == null ? new ConsumerGroupState() : entry.getValue();
        if (entry.getValue() == null) {
            state.emptySince = now;
        }
        state.expire(now);
        Object reply = apply(state, now);
        if ((kind == Kind.DELETE || kind == Kind.EXPIRE) && Boolean.TRUE.equals(reply)) {
            entry.setValue(null);
            result = null;
        } else {
            entry.setValue(state);
            result = state;
        }
        persist(entry.getKey());
        return reply;
    }

    /** Writes the group's state (or its deletion) to this member's store, on the owner and the backups alike. */
    private void persist(String group) {
        LogStore store = LogStore.of(member);
        if (result == null) {
            store.states(LogStore.StateKind.GROUP).delete(group);
        } else {
            store.states(LogStore.StateKind.GROUP).save(group, result.toBytes());
        }
    }

    private Object apply(ConsumerGroupState state, long now) {
        switch (kind) {
            case JOIN -> {
                String id = memberId != null ? memberId : UUID.randomUUID().toString();
                if (state.members.isEmpty()) {
                    state.strategy = strategy;
                }
                state.partitions.putAll(partitions);
                state.members.put(id, new ConsumerGroupState.Member(topics, sessionTimeoutMillis, now));
                state.rebalance(now);
                state.reconcile(id, Set.of());
                return state.membershipOf(id);
            }
            case HEARTBEAT -> {
                ConsumerGroupState.Member member = state.members.get(memberId);
                if (member == null) {
                    return new Refusal(Refusal.Reason.UNKNOWN_MEMBER, "member " + memberId + " is not in the group (its session expired); join"
                            + " again");
                }
                state.members.put(memberId, new ConsumerGroupState.Member(member.topics(),
                        member.sessionTimeoutMillis(), now));
                if (partitions.entrySet().stream().anyMatch(topic -> topic.getValue()
                        > state.partitions.getOrDefault(topic.getKey(), 0))) {
                    state.partitions.putAll(partitions);
                    state.rebalance(now);
                }
                state.reconcile(memberId, held);
                return state.membershipOf(memberId);
            }
            case LEAVE -> {
                if (state.members.remove(memberId) != null) {
                    state.rebalance(now);
                }
                return Boolean.TRUE;
            }
            case COMMIT -> {
                if (!state.members.containsKey(memberId)) {
                    return new Refusal(Refusal.Reason.FENCED, "member " + memberId + " is fenced: its session expired and the group"
                            + " (now at generation " + state.generation + ") moved on without it");
                }
                for (TopicPartition partition : offsets.keySet()) {
                    if (!state.owns(memberId, partition)) {
                        return new Refusal(Refusal.Reason.FENCED, "member " + memberId + " does not own " + partition);
                    }
                }
                offsets.forEach((partition, offset) -> state.committed.put(partition,
                        new ConsumerGroupState.Committed(offset, metadata)));
                return Boolean.TRUE;
            }
            case RESET -> {
                if (!state.members.isEmpty()) {
                    return new Refusal(Refusal.Reason.NOT_EMPTY, "the group has " + state.members.size() + " active members; offsets can"
                            + " only be reset while it has none");
                }
                offsets.forEach((partition, offset) -> state.committed.put(partition,
                        new ConsumerGroupState.Committed(offset, "reset")));
                return Boolean.TRUE;
            }
            case EXPIRE -> {
                return state.members.isEmpty() && state.emptySince >= 0
                        && now - state.emptySince >= sessionTimeoutMillis;
            }
            case DELETE -> {
                return state.members.isEmpty() ? Boolean.TRUE
                        : new Refusal(Refusal.Reason.NOT_EMPTY, "the group has active members; it can only be deleted while it has none");
            }
            default -> throw new IllegalStateException("unexpected " + kind);
        }
    }

    @Override
    public EntryProcessor<String, ConsumerGroupState, Object> getBackupProcessor() {
        return new GroupOperation(Kind.APPLY, null, 0, null, null, null, 0, null, null, result);
    }

}
