package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.List;

/** What a read returns from the partition's leader: whole batches covering the requested range, and the range. */
final class PartitionSlice implements IdentifiedDataSerializable {
    private long startOffset;
    private long endOffset;
    private List<RecordBatch> batches;

    PartitionSlice() {
    }

    PartitionSlice(long startOffset, long endOffset, List<RecordBatch> batches) {
        this.startOffset = startOffset;
        this.endOffset = endOffset;
        this.batches = batches;
    }

    long startOffset() {
        return startOffset;
    }

    long endOffset() {
        return endOffset;
    }

    List<RecordBatch> batches() {
        return batches;
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.PARTITION_SLICE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(startOffset);
        out.writeLong(endOffset);
        RecordBatch.writeList(out, batches);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        startOffset = in.readLong();
        endOffset = in.readLong();
        batches = RecordBatch.readList(in);
    }
}
