package io.partitionmq.transaction;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import io.partitionmq.log.LogStore;
import io.partitionmq.log.MinimumClusterSize;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;

/**
 * A change of one transaction record, run on the record's owner and (as its own backup operation) on every
 * backup, each of which writes the result to its member's store: a prepared transaction survives the loss of
 * a member and a full restart.
 */
final class TransactionOperation implements EntryProcessor<String, byte[], Object>, HazelcastInstanceAware,
        Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private enum Kind {
        /** Stores a new record; false if one with that id exists. */
        CREATE,
        /** Marks the record committing by the given owner; returns it (null if there is none). */
        COMMIT,
        /** Removes the record; whether there was one. */
        REMOVE,
        /** Puts back a record a store kept, unless the cluster has it already. */
        RESTORE
    }

    private final Kind kind;
    private final byte[] record;
    private final String owner;
    private transient HazelcastInstance member;

    private TransactionOperation(Kind kind, byte[] record, String owner) {
        this.kind = kind;
        this.record = record;
        this.owner = owner;
    }

    static TransactionOperation create(TransactionRecord record) {
        return new TransactionOperation(Kind.CREATE, record.toBytes(), null);
    }

    static TransactionOperation commit(String owner) {
        return new TransactionOperation(Kind.COMMIT, null, owner);
    }

    static TransactionOperation remove() {
        return new TransactionOperation(Kind.REMOVE, null, null);
    }

    static TransactionOperation restore(byte[] stored) {
        return new TransactionOperation(Kind.RESTORE, stored, null);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.member = hazelcast;
    }

    @Override
    public Object process(Map.Entry<String, byte[]> entry) {
        byte[] existing = entry.getValue();
        if (kind != Kind.RESTORE) {
            MinimumClusterSize.require(member, entry.getKey());
        }
        switch (kind) {
            case CREATE, RESTORE -> {
                if (existing != null) {
                    return Boolean.FALSE;
                }
                store(entry, record);
                return Boolean.TRUE;
            }
            case COMMIT -> {
                if (existing == null) {
                    return null;
                }
                byte[] committing = TransactionRecord.fromBytes(existing).committingBy(owner).toBytes();
                store(entry, committing);
                return committing;
            }
            case REMOVE -> {
                if (existing == null) {
                    return Boolean.FALSE;
                }
                entry.setValue(null);
                LogStore.of(member).states(LogStore.StateKind.TRANSACTION).delete(entry.getKey());
                return Boolean.TRUE;
            }
            default -> throw new IllegalStateException("unknown operation " + kind);
        }
    }

    private void store(Map.Entry<String, byte[]> entry, byte[] value) {
        entry.setValue(value);
        LogStore.of(member).states(LogStore.StateKind.TRANSACTION).save(entry.getKey(), value);
    }
}
