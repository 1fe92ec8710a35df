package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of records as it rests in a partition: the offset of its first record, how many records it holds,
 * when it was appended, and the records' encoded bytes ({@link RecordCodec}). Immutable once appended; it is
 * the unit of storage, replication and transfer.
 */
public final class RecordBatch implements IdentifiedDataSerializable {
    private long baseOffset;
    private int recordCount;
    private long appendTime;
    private int leaderEpoch;
    private byte[] payload;
    /** Where each record starts in the payload; built on first need (partial reads), never sent. */
    private transient volatile int[] recordPositions;

    RecordBatch() {
    }

    /** A batch as read back from a store; {@code payload} is the records' encoded bytes. */
    public RecordBatch(long baseOffset, int recordCount, long appendTime, int leaderEpoch, byte[] payload) {
        this.baseOffset = baseOffset;
        this.recordCount = recordCount;
        this.appendTime = appendTime;
        this.leaderEpoch = leaderEpoch;
        this.payload = payload;
    }

    public long baseOffset() {
        return baseOffset;
    }

    public int recordCount() {
        return recordCount;
    }

    /** The offset the record after this batch gets. */
    public long nextOffset() {
        return baseOffset + recordCount;
    }

    /** How many of this batch's records are at or after {@code offset}. */
    public int recordsFrom(long offset) {
        return (int) Math.max(0, nextOffset() - Math.max(offset, baseOffset()));
    }

    public long lastOffset() {
        return nextOffset() - 1;
    }

    public long appendTime() {
        return appendTime;
    }

    /** The leader epoch the batch was appended in: it tells which of two diverging replicas is newer. */
    public int leaderEpoch() {
        return leaderEpoch;
    }

    /** The records' encoded bytes; the array is shared, never to be changed. */
    public byte[] payload() {
        return payload;
    }

    /** Where each record starts in the payload ({@link RecordCodec#positions}), computed once. */
    int[] recordPositions() {
        int[] positions = recordPositions;
        if (positions == null) {
            positions = RecordCodec.positions(payload);
            recordPositions = positions;
        }
        return positions;
    }

    public int sizeInBytes() {
        return payload.length;
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.RECORD_BATCH;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(baseOffset);
        out.writeInt(recordCount);
        out.writeLong(appendTime);
        out.writeInt(leaderEpoch);
        out.writeByteArray(payload);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        baseOffset = in.readLong();
        recordCount = in.readInt();
        appendTime = in.readLong();
        leaderEpoch = in.readInt();
        payload = in.readByteArray();
    }

    static void writeList(ObjectDataOutput out, List<RecordBatch> batches) throws IOException {
        out.writeInt(batches.size());
        for (RecordBatch batch : batches) {
            batch.writeData(out);
        }
    }

    static ArrayList<RecordBatch> readList(ObjectDataInput in) throws IOException {
        int count = in.readInt();
        ArrayList<RecordBatch> batches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RecordBatch batch = new RecordBatch();
            batch.readData(in);
            batches.add(batch);
        }
        return batches;
    }
}
