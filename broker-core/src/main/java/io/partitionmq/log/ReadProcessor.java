package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/** Reads batches from an offset on the partition's leader, so only the requested batches cross the network. */
final class ReadProcessor extends LeaderRead<PartitionSlice> {
    private long fromOffset;
    private int maxRecords;

    ReadProcessor() {
    }

    ReadProcessor(long fromOffset, int maxRecords) {
        this.fromOffset = fromOffset;
        this.maxRecords = maxRecords;
    }

    @Override
    public PartitionSlice process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        return log == null ? PartitionSlice.empty() : log.read(fromOffset, maxRecords);
    }

    @Override
    public int getClassId() {
        return LogTypes.READ;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(fromOffset);
        out.writeInt(maxRecords);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        fromOffset = in.readLong();
        maxRecords = in.readInt();
    }
}
