package io.partitionmq.log;

import java.util.List;
import java.util.Map;

/**
 * Where a broker keeps what it holds of the log — partition replicas (as leader or backup) and topic metadata —
 * so that it survives a restart. The log's entry processors call it on every replica right after changing the
 * replica in memory, on the partition's thread; a send is acknowledged only after every replica's call returned.
 */
public interface LogStore extends AutoCloseable {
    /** The Hazelcast user-context key under which each broker member keeps its store. */
    String CONTEXT_KEY = "partitionmq.log.store";
    /**
     * The user-context key of a member's {@code AtomicBoolean} telling that every member has offered what it
     * recovered; until then the member refuses appends, which could otherwise take offsets a recovering replica
     * still holds.
     */
    String RECOVERED_KEY = "partitionmq.log.recovered";
    /**
     * The user-context key of a member's {@code Long}: how many bytes of its newest batches each replica keeps in
     * memory; older batches are read back from the store. Absent: {@link #DEFAULT_HELD_BYTES}.
     */
    String HELD_BYTES_KEY = "partitionmq.log.held.bytes";
    long DEFAULT_HELD_BYTES = 8L * 1024 * 1024;

    /**
     * Persists a batch just appended to the replica, in the segment starting at {@code segmentBase}. If the
     * stored replica does not end right before the batch (it moved here, or was never stored), the store asks
     * for the whole replica instead by returning false. The stamp names the batch's producer, so that a restarted
     * replica still recognises that producer's retries.
     */
    boolean append(PartitionKey key, long segmentBase, RecordBatch batch, ProducerStamp stamp);

    /** Replaces the stored replica with this one: its settings, start offset and all its segments. */
    void rewrite(PartitionKey key, StoredPartition replica);

    /** Whether the store holds the replica as it is now: every batch up to {@code end}, as this member wrote it. */
    boolean holds(PartitionKey key, long end);

    /**
     * A reader of the stored batches of the segment starting at {@code segmentBase}, before offset {@code upTo},
     * so the replica need not keep them in memory; null if this store cannot serve them all.
     */
    SegmentReader reader(PartitionKey key, long segmentBase, long upTo);

    /**
     * Deletes the files of every replica stored here for which {@code held} answers false — replicas that moved
     * to other members — asking under each replica's lock. Returns how many it deleted.
     */
    int dropUnless(java.util.function.Predicate<PartitionKey> held);

    /** Persists changed settings or a moved start, dropping stored segments that end at or before the start. */
    void checkpoint(PartitionKey key, PartitionCheckpoint checkpoint);

    /** Persists the state of the replica's share groups (queue and subscription positions, locks, counts). */
    void saveShareGroups(PartitionKey key, byte[] state);

    /** Forgets the replica (its topic was deleted). */
    void delete(PartitionKey key);

    /** Every replica found in the store, as it was last persisted. */
    Map<PartitionKey, StoredPartition> recover();

    /** Persists a topic's metadata (created or changed). */
    void saveTopic(TopicMetadata topic);

    /** Forgets a deleted topic's metadata. */
    void deleteTopic(String name);

    /** Every topic found in the store. */
    List<TopicMetadata> recoverTopics();

    /** What the store keeps by name, besides the log: each kind's states, as bytes their owners read. */
    enum StateKind {
        /** Consumer groups: members, assignment, committed offsets. */
        GROUP,
        /** Transaction records: prepared, or committing. */
        TRANSACTION,
        /** Named subscriptions: topic, selector and options of durable and shared subscriptions. */
        SUBSCRIPTION
    }

    /** States of one kind, by name. */
    interface NamedStates {
        /** Persists a state, replacing the one of that name. */
        void save(String name, byte[] state);

        /** Forgets a state. */
        void delete(String name);

        /** Every state of this kind found in the store. */
        Map<String, byte[]> recover();
    }

    /** The states of one kind this store keeps. */
    NamedStates states(StateKind kind);

    /** Everything a store held when a broker started: topics, replicas and the named states of every kind. */
    record Recovered(List<TopicMetadata> topics, Map<PartitionKey, StoredPartition> replicas,
                     Map<StateKind, Map<String, byte[]>> states) {
        public Map<String, byte[]> states(StateKind kind) {
            return states.getOrDefault(kind, Map.of());
        }
    }

    /**
     * Reads back everything the store holds. A broker does this before it joins its cluster: once it is a member,
     * the cluster writes to its store (backups, settling replicas), and must not meet files still being read.
     */
    default Recovered readAll() {
        Map<StateKind, Map<String, byte[]>> states = new java.util.EnumMap<>(StateKind.class);
        for (StateKind kind : StateKind.values()) {
            states.put(kind, states(kind).recover());
        }
        return new Recovered(recoverTopics(), recover(), states);
    }

    @Override
    void close();

    /** A member's store, or one that keeps nothing for a member started without a store. */
    static LogStore of(com.hazelcast.core.HazelcastInstance member) {
        Object store = member.getUserContext().get(CONTEXT_KEY);
        return store != null ? (LogStore) store : MemberProcessor.MemoryOnly.INSTANCE;
    }

    /** What a replica is apart from its records: where it starts, its leader epoch and its topic's settings. */
    record PartitionCheckpoint(long startOffset, int leaderEpoch, TopicConfig config) {
    }

    /** Who appended a batch: its producer, and which of that producer's appends to the partition it was. */
    record ProducerStamp(long producer, long sequence) {
    }

    /** A segment's batches, in offset order. */
    record StoredSegment(long baseOffset, List<RecordBatch> batches) {
        public StoredSegment {
            batches = List.copyOf(batches);
        }
    }

    /**
     * A whole replica: its checkpoint, segments, share groups' state (bytes the log reads back), and the stamps of
     * the batches whose producers it remembers, by batch base offset.
     */
    record StoredPartition(PartitionCheckpoint checkpoint, List<StoredSegment> segments, byte[] shareGroups,
                           Map<Long, ProducerStamp> stamps) {
        public StoredPartition {
            segments = List.copyOf(segments);
            stamps = Map.copyOf(stamps);
        }
    }
}
