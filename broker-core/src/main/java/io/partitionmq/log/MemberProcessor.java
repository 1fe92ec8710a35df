package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An entry processor that changes durable log state: it runs on each member holding a replica of the entry
 * (owner or backup), which hands it that member's {@link LogStore} to persist the change before returning.
 */
abstract class MemberProcessor<K, V, R> implements EntryProcessor<K, V, R>, HazelcastInstanceAware,
        IdentifiedDataSerializable {
    private transient HazelcastInstance member;

    @Override
    public final void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.member = hazelcast;
    }

    final HazelcastInstance member() {
        return member;
    }

    /** This member's store; a member started without one keeps everything in memory only. */
    final LogStore store() {
        return LogStore.of(member);
    }

    /** A value this member keeps in its Hazelcast user context. */
    final Object memberContext(String key) {
        return member.getUserContext().get(key);
    }

    /** How many bytes of its newest batches each replica on this member keeps in memory. */
    final long heldBytesPerReplica() {
        Object held = member.getUserContext().get(LogStore.HELD_BYTES_KEY);
        return held != null ? (Long) held : LogStore.DEFAULT_HELD_BYTES;
    }

    final String localMemberId() {
        return member.getCluster().getLocalMember().getUuid().toString();
    }

    /** Whether every member has offered what it recovered from disk, so this member may accept appends. */
    final boolean clusterRecovered() {
        Object recovered = member.getUserContext().get(LogStore.RECOVERED_KEY);
        return recovered == null || ((AtomicBoolean) recovered).get();
    }

    @Override
    public final int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    /** The store of a member that keeps nothing on disk. */
    enum MemoryOnly implements LogStore {
        INSTANCE;

        @Override
        public boolean append(PartitionKey key, long segmentBase, RecordBatch batch, ProducerStamp stamp) {
            return true;
        }

        @Override
        public void rewrite(PartitionKey key, StoredPartition replica) {
        }

        @Override
        public boolean holds(PartitionKey key, long end) {
            return true;
        }

        @Override
        public SegmentReader reader(PartitionKey key, long segmentBase, long upTo) {
            return null;
        }

        @Override
        public int dropUnless(java.util.function.Predicate<PartitionKey> held) {
            return 0;
        }

        @Override
        public void checkpoint(PartitionKey key, PartitionCheckpoint checkpoint) {
        }

        @Override
        public void saveShareGroups(PartitionKey key, byte[] state) {
        }

        @Override
        public void delete(PartitionKey key) {
        }

        @Override
        public Map<PartitionKey, StoredPartition> recover() {
            return Map.of();
        }

        @Override
        public void saveTopic(TopicMetadata topic) {
        }

        @Override
        public void deleteTopic(String name) {
        }

        @Override
        public List<TopicMetadata> recoverTopics() {
            return List.of();
        }

        @Override
        public NamedStates states(StateKind kind) {
            return new NamedStates() {
                @Override
                public void save(String name, byte[] state) {
                }

                @Override
                public void delete(String name) {
                }

                @Override
                public Map<String, byte[]> recover() {
                    return Map.of();
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
