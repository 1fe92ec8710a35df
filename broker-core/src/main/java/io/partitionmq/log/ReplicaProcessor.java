package io.partitionmq.log;

import com.hazelcast.instance.impl.Node;
import com.hazelcast.internal.partition.InternalPartitionService;
import com.hazelcast.internal.partition.PartitionReplica;
import java.util.List;
import java.util.Map;

/** A {@link MemberProcessor} on a partition replica. */
abstract class ReplicaProcessor<R> extends MemberProcessor<PartitionKey, PartitionLog, R> {
    /**
     * Persists a batch the replica just appended, rewriting the stored replica if it is behind, then lets the
     * oldest batches leave memory if the replica holds more than its share.
     */
    final void persistAppend(Map.Entry<PartitionKey, PartitionLog> entry, RecordBatch batch,
            LogStore.ProducerStamp stamp) {
        PartitionLog log = entry.getValue();
        if (!store().append(entry.getKey(), log.activeSegmentBase(), batch, stamp)) {
            store().rewrite(entry.getKey(), log.toStored());
        }
        log.releaseHeld(heldBytesPerReplica(), store(), entry.getKey());
    }

    /**
     * Publishes what the operation handed to waiting share-group consumers, if this member is the one that sends
     * it ({@link #pushesFor}). Called once the replica holds and has stored the change the pushes come from.
     */
    final void push(ShareHandover handover, PartitionKey key, boolean onBackup) {
        if (!handover.isEmpty() && pushesFor(key, onBackup)) {
            handover.publish(member());
        }
    }

    /** Publishes what the operation read for waiting readers, as {@link #push(ShareHandover, PartitionKey, boolean)}. */
    final void push(List<ReadPush> reads, PartitionKey key, boolean onBackup) {
        if (!reads.isEmpty() && pushesFor(key, onBackup)) {
            reads.forEach(read -> read.publish(member()));
        }
    }

    /**
     * Whether this member sends the pushes an operation on the key made ({@link SharePush}): its first backup,
     * once it applied the operation, or the leader of a partition that has no backup.
     */
    private boolean pushesFor(PartitionKey key, boolean onBackup) {
        Node node = HazelcastNode.of(member());
        InternalPartitionService table = node.getPartitionService();
        PartitionReplica firstBackup = table.getPartition(table.getPartitionId(key)).getReplica(1);
        return onBackup
                ? firstBackup != null && firstBackup.uuid().equals(node.getThisUuid())
                : firstBackup == null;
    }

    /**
     * Makes sure the store holds the replica as it is — a replica that moved here is only in memory until then —
     * and lets what it holds leave memory: for replicas that receive no appends.
     */
    final void settle(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        // A member still reading its files back must not have them rewritten under it; it settles later.
        if (log == null || !clusterRecovered()) {
            return;
        }
        if (!store().holds(entry.getKey(), log.nextOffset())) {
            store().rewrite(entry.getKey(), log.toStored());
        }
        log.releaseHeld(heldBytesPerReplica(), store(), entry.getKey());
    }
}
