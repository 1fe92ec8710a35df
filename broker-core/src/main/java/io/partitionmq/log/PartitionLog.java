package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one log partition as its leader holds it: the batches, in offset order, and the offset range.
 * It is only ever changed by entry processors running on the partition's Hazelcast partition thread, so offsets
 * are assigned without locks; backups change it by applying the very batch the leader appended.
 */
final class PartitionLog implements IdentifiedDataSerializable {
    private long startOffset;
    private long nextOffset;
    private ArrayList<RecordBatch> batches = new ArrayList<>();

    long startOffset() {
        return startOffset;
    }

    long nextOffset() {
        return nextOffset;
    }

    /** Appends the records of an encoded payload at the log end and returns the batch they became. */
    RecordBatch append(byte[] payload, long appendTime) {
        RecordBatch batch = new RecordBatch(nextOffset, RecordCodec.count(payload), appendTime, payload);
        batches.add(batch);
        nextOffset = batch.nextOffset();
        return batch;
    }

    /**
     * Applies a batch the leader appended (on a backup replica). A batch already held is ignored, so applying is
     * idempotent; a batch beyond the log end would leave a gap and is refused.
     */
    void apply(RecordBatch batch) {
        if (batch.baseOffset() < nextOffset) {
            return;
        }
        if (batch.baseOffset() > nextOffset) {
            throw new IllegalStateException("batch at offset " + batch.baseOffset() + " would leave a gap after "
                    + nextOffset);
        }
        batches.add(batch);
        nextOffset = batch.nextOffset();
    }

    /** The batches that hold the records from {@code fromOffset} on, up to at least {@code maxRecords} of them. */
    PartitionSlice read(long fromOffset, int maxRecords) {
        List<RecordBatch> found = new ArrayList<>();
        if (maxRecords > 0 && fromOffset < nextOffset) {
            int index = indexOfBatchHolding(Math.max(fromOffset, startOffset));
            long position = Math.max(fromOffset, startOffset);
            int records = 0;
            for (int i = index; i < batches.size() && records < maxRecords; i++) {
                RecordBatch batch = batches.get(i);
                found.add(batch);
                records += (int) (batch.nextOffset() - Math.max(position, batch.baseOffset()));
            }
        }
        return new PartitionSlice(startOffset, nextOffset, found);
    }

    private int indexOfBatchHolding(long offset) {
        int low = 0;
        int high = batches.size() - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (batches.get(middle).baseOffset() <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.PARTITION_LOG;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(startOffset);
        out.writeLong(nextOffset);
        RecordBatch.writeList(out, batches);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        startOffset = in.readLong();
        nextOffset = in.readLong();
        batches = RecordBatch.readList(in);
    }
}
