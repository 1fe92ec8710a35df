package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of consecutive batches of one partition, the unit of rolling and retention. Batches are appended in
 * offset order with non-decreasing append times, so the batch list is itself the offset and time index.
 */
final class LogSegment implements IdentifiedDataSerializable {
    private long baseOffset;
    private long nextOffset;
    private long firstAppendTime = -1;
    private long lastAppendTime = -1;
    private long sizeInBytes;
    private ArrayList<RecordBatch> batches = new ArrayList<>();

    LogSegment() {
    }

    LogSegment(long baseOffset) {
        this.baseOffset = baseOffset;
        this.nextOffset = baseOffset;
    }

    long baseOffset() {
        return baseOffset;
    }

    long nextOffset() {
        return nextOffset;
    }

    long lastAppendTime() {
        return lastAppendTime;
    }

    long sizeInBytes() {
        return sizeInBytes;
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    List<RecordBatch> batches() {
        return batches;
    }

    /** Whether a batch of this size, appended now, belongs in a new segment (Kafka's roll rule). */
    boolean shouldRollBefore(int batchBytes, long now, TopicConfig config) {
        return !batches.isEmpty()
                && (sizeInBytes + batchBytes > config.segmentBytes() || now - firstAppendTime >= config.segmentMs());
    }

    void add(RecordBatch batch) {
        if (batches.isEmpty()) {
            firstAppendTime = batch.appendTime();
        }
        batches.add(batch);
        nextOffset = batch.nextOffset();
        lastAppendTime = batch.appendTime();
        sizeInBytes += batch.sizeInBytes();
    }

    /** The index of the batch holding {@code offset}, or of the first batch after it. */
    int indexOfBatchHolding(long offset) {
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

    /** The first batch appended at or after {@code timestamp}, or null if all are older. */
    RecordBatch firstBatchAtOrAfter(long timestamp) {
        int low = 0;
        int high = batches.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (batches.get(middle).appendTime() < timestamp) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low < batches.size() ? batches.get(low) : null;
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.LOG_SEGMENT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(baseOffset);
        out.writeLong(nextOffset);
        out.writeLong(firstAppendTime);
        out.writeLong(lastAppendTime);
        out.writeLong(sizeInBytes);
        RecordBatch.writeList(out, batches);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        baseOffset = in.readLong();
        nextOffset = in.readLong();
        firstAppendTime = in.readLong();
        lastAppendTime = in.readLong();
        sizeInBytes = in.readLong();
        batches = RecordBatch.readList(in);
    }
}
