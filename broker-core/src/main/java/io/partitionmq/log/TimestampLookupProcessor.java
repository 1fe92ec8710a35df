package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/** Finds, on the leader, the first offset appended at or after a timestamp (-1 if none) by binary search. */
final class TimestampLookupProcessor extends LeaderRead<Long> {
    private long timestamp;

    TimestampLookupProcessor() {
    }

    TimestampLookupProcessor(long timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public Long process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        return log == null ? -1L : log.offsetForTimestamp(timestamp);
    }

    @Override
    public int getClassId() {
        return LogTypes.TIMESTAMP_LOOKUP;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(timestamp);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        timestamp = in.readLong();
    }
}
