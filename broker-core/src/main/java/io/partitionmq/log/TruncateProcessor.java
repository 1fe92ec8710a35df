package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Moves a partition's log start to an offset, dropping the segments wholly before it: an operator's "delete
 * records before", and the fact retention decided, replayed on backups. Deterministic, so backups run it too.
 * The replica then settles ({@link #settle}).
 */
final class TruncateProcessor extends ReplicaProcessor<long[]> {
    private long offset;

    TruncateProcessor() {
    }

    TruncateProcessor(long offset) {
        this.offset = offset;
    }

    /** Returns {accepted (1 or 0), start offset, end offset}; an offset beyond the end is not accepted. */
    @Override
    public long[] process(Map.Entry<PartitionKey, PartitionLog> entry) {
        MinimumClusterSize.require(member(), entry.getKey());
        PartitionLog log = entry.getValue();
        long start = log == null ? 0 : log.startOffset();
        long end = log == null ? 0 : log.nextOffset();
        if (offset < 0 || offset > end) {
            return new long[] {0, start, end};
        }
        if (log != null && offset > start) {
            log.truncateBefore(offset);
            entry.setValue(log);
            store().checkpoint(entry.getKey(), log.checkpoint());
        }
        settle(entry);
        return new long[] {1, Math.max(start, offset), end};
    }

    @Override
    public int getClassId() {
        return LogTypes.TRUNCATE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(offset);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        offset = in.readLong();
    }
}
