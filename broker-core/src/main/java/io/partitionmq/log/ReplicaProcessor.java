package io.partitionmq.log;

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
