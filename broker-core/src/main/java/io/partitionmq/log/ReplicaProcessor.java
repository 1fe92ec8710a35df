package io.partitionmq.log;

import java.util.Map;

/** A {@link MemberProcessor} on a partition replica. */
abstract class ReplicaProcessor<R> extends MemberProcessor<PartitionKey, PartitionLog, R> {
    /** Persists a batch the replica just appended, rewriting the stored replica if it is behind. */
    final void persistAppend(Map.Entry<PartitionKey, PartitionLog> entry, RecordBatch batch) {
        PartitionLog log = entry.getValue();
        if (!store().append(entry.getKey(), log.activeSegmentBase(), batch)) {
            store().rewrite(entry.getKey(), log.toStored());
        }
    }
}
