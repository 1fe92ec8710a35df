package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What a read returns from the partition's leader: whole batches covering the requested range, and the range. */
final class PartitionSlice implements IdentifiedDataSerializable {
    private long startOffset;
    private long endOffset;
    private int segments;
    private long sizeInBytes;
    private long heldBytes;
    private List<RecordBatch> batches;
    private boolean waiting;
    /** Where a filtered read stopped looking (its batches hold only what it selected); -1 for a plain read. */
    private long scannedTo = -1;

    PartitionSlice() {
    }

    PartitionSlice(long startOffset, long endOffset, int segments, long sizeInBytes, long heldBytes,
            List<RecordBatch> batches) {
        this.startOffset = startOffset;
        this.endOffset = endOffset;
        this.segments = segments;
        this.sizeInBytes = sizeInBytes;
        this.heldBytes = heldBytes;
        this.batches = batches;
    }

    static PartitionSlice empty() {
        return new PartitionSlice(0, 0, 0, 0, 0, List.of());
    }

    PartitionSummary summary(int partition) {
        return new PartitionSummary(partition, startOffset, endOffset, segments, sizeInBytes, heldBytes);
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

    /** Whether the reader, given nothing, now waits on the leader for the next append ({@link ReadWaiter}). */
    boolean isWaiting() {
        return waiting;
    }

    PartitionSlice waiting() {
        waiting = true;
        return this;
    }

    /** This slice holds only the records a filter selected among those before {@code offset}. */
    PartitionSlice scannedTo(long offset) {
        scannedTo = offset;
        return this;
    }

    /**
     * Where a read from {@code offset} that found nothing goes on: past the records a filtered read looked at,
     * else where it started. No batch is cut to know it.
     */
    long nextOffsetOfEmptyRead(long offset) {
        return scannedTo >= 0 ? scannedTo : offset;
    }

    /** The records from {@code offset} on, up to {@code maxRecords}, cut from the batches this slice holds. */
    FetchResult fetchResult(long offset, int maxRecords) {
        List<RecordBatch> cut = new ArrayList<>(batches.size());
        long next = offset;
        for (RecordBatch batch : batches) {
            long from = Math.max(next, batch.baseOffset());
            long to = Math.min(batch.nextOffset(), offset + maxRecords);
            if (from < to) {
                cut.add(RecordCodec.slice(batch, from, to));
                next = to;
            }
        }
        return new FetchResult(new BatchRecords(cut), scannedTo >= 0 ? scannedTo : next, startOffset, endOffset);
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
        out.writeInt(segments);
        out.writeLong(sizeInBytes);
        out.writeLong(heldBytes);
        RecordBatch.writeList(out, batches);
        out.writeBoolean(waiting);
        out.writeLong(scannedTo);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        startOffset = in.readLong();
        endOffset = in.readLong();
        segments = in.readInt();
        sizeInBytes = in.readLong();
        heldBytes = in.readLong();
        batches = RecordBatch.readList(in);
        waiting = in.readBoolean();
        scannedTo = in.readLong();
    }
}
