package io.partitionmq.log;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Applies retention to a partition on its leader: the leader reads the clock and decides the new log start;
 * backups replay that decision ({@link TruncateProcessor}). Every replica then settles ({@link #settle}): the
 * periodic pass that persists a replica that moved to its member and lets its old batches leave memory.
 * Returns {start offset before, start offset after}.
 */
final class RetentionProcessor extends ReplicaProcessor<long[]> {
    /** The lowest offset consumer groups committed on the partition (see {@link PartitionLog#retentionStart}). */
    private long groupsConsumedBefore = PartitionLog.CONSUMPTION_UNKNOWN;
    private transient long decidedStart = -1;

    RetentionProcessor() {
    }

    RetentionProcessor(long groupsConsumedBefore) {
        this.groupsConsumedBefore = groupsConsumedBefore;
    }

    @Override
    public long[] process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        if (log == null) {
            return new long[] {0, 0};
        }
        long before = log.startOffset();
        long newStart = log.retentionStart(System.currentTimeMillis(), groupsConsumedBefore);
        if (newStart > log.startOffset()) {
            log.truncateBefore(newStart);
            store().checkpoint(entry.getKey(), log.checkpoint());
        }
        decidedStart = log.startOffset();
        settle(entry);
        entry.setValue(log); // also when unchanged: the backups settle too
        return new long[] {before, log.startOffset()};
    }

    @Override
    public EntryProcessor<PartitionKey, PartitionLog, long[]> getBackupProcessor() {
        return decidedStart < 0 ? null : new TruncateProcessor(decidedStart);
    }

    @Override
    public int getClassId() {
        return LogTypes.RETENTION;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(groupsConsumedBefore);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        groupsConsumedBefore = in.readLong();
    }
}
