package io.partitionmq.log;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/** Reads batches from an offset on the partition's leader, so only the requested batches cross the network. */
final class ReadProcessor implements EntryProcessor<PartitionKey, PartitionLog, PartitionSlice>, ReadOnly,
        IdentifiedDataSerializable {
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
    public EntryProcessor<PartitionKey, PartitionLog, PartitionSlice> getBackupProcessor() {
        return null;
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
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
