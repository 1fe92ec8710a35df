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
 *
 * <p>The oldest batches may leave memory once the replica's store holds them: from then on a
 * {@link SegmentReader} serves the offsets before {@code heldFrom}, the list the rest. A segment sent to
 * another member (migration, backup sync) travels whole and arrives wholly in memory.
 */
final class LogSegment implements IdentifiedDataSerializable {
    /** The most a segment keeps of what it last read from the store: a quarter of a replica's default held bytes. */
    private static final long MAX_CACHED_BYTES = 2L * 1024 * 1024;
    private long baseOffset;
    private long nextOffset;
    private long firstAppendTime = -1;
    private long lastAppendTime = -1;
    private long sizeInBytes;
    private int lastEpoch = -1;
    /** The batches in memory: those from {@link #heldFrom} on. */
    private ArrayList<RecordBatch> batches = new ArrayList<>();
    private long heldFrom;
    private long heldBytes;
    /** Serves the offsets before {@link #heldFrom}; null while every batch is in memory. */
    private transient SegmentReader stored;
    /**
     * What the last read of the store returned, replaced whole: the next read mostly wants the same batches (a
     * consumer takes a hundred records of a batch holding thousands, and its reply is cut from what its
     * acquisition just read), and each read opens the file, copies and checks the batch again. Reads larger than
     * {@link #MAX_CACHED_BYTES} are not kept.
     */
    private transient List<RecordBatch> lastStored = List.of();
    private long storedLastAppendTime = -1;

    LogSegment() {
    }

    LogSegment(long baseOffset) {
        this.baseOffset = baseOffset;
        this.nextOffset = baseOffset;
        this.heldFrom = baseOffset;
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

    /** The bytes of the batches this segment keeps in memory. */
    long heldBytes() {
        return heldBytes;
    }

    /** The leader epoch of the last batch, or -1 if the segment is empty. */
    int lastEpoch() {
        return lastEpoch;
    }

    boolean isEmpty() {
        return nextOffset == baseOffset;
    }

    /**
     * Whether a batch of this size and record count, appended now, belongs in a new segment: Kafka's roll rule,
     * and the topic's record limit per segment.
     */
    boolean shouldRollBefore(int batchBytes, int batchRecords, long now, TopicConfig config) {
        return !isEmpty() && (sizeInBytes + batchBytes > config.segmentBytes()
                || now - firstAppendTime >= config.segmentMs()
                || config.segmentRecords() > 0 && nextOffset - baseOffset + batchRecords > config.segmentRecords());
    }

    void add(RecordBatch batch) {
        if (isEmpty()) {
            firstAppendTime = batch.appendTime();
        }
        batches.add(batch);
        nextOffset = batch.nextOffset();
        lastAppendTime = batch.appendTime();
        lastEpoch = batch.leaderEpoch();
        sizeInBytes += batch.sizeInBytes();
        heldBytes += batch.sizeInBytes();
    }

    /**
     * Adds to {@code found} the batches holding the records from {@code fromOffset} on (the segment must hold it,
     * or start after it) until they hold {@code maxRecords}; returns how many records they add.
     */
    int collect(long fromOffset, int maxRecords, List<RecordBatch> found) {
        int records = 0;
        long from = Math.max(fromOffset, baseOffset);
        if (from < heldFrom) {
            for (RecordBatch batch : readStored(from, maxRecords)) {
                found.add(batch);
                records += batch.recordsFrom(from);
            }
            from = heldFrom;
        }
        for (int b = indexOfBatchHolding(from); b < batches.size() && records < maxRecords; b++) {
            RecordBatch batch = batches.get(b);
            found.add(batch);
            records += batch.recordsFrom(from);
        }
        return records;
    }

    /** The batch holding {@code offset}, which the segment must hold. */
    RecordBatch batchHolding(long offset) {
        return offset < heldFrom ? readStored(offset, 1).get(0) : batches.get(indexOfBatchHolding(offset));
    }

    /** The stored batches holding the records from {@code from} on until they hold {@code maxRecords}, or all. */
    private List<RecordBatch> readStored(long from, int maxRecords) {
        List<RecordBatch> cached = lastStored;
        int first = 0;
        while (first < cached.size() && cached.get(first).nextOffset() <= from) {
            first++;
        }
        if (first < cached.size() && cached.get(first).baseOffset() <= from) {
            long records = 0;
            for (int b = first; b < cached.size(); b++) {
                records += cached.get(b).recordsFrom(from);
                if (records >= maxRecords || cached.get(b).nextOffset() >= heldFrom) {
                    return cached.subList(first, b + 1);
                }
            }
        }
        List<RecordBatch> read = stored.read(from, maxRecords);
        long bytes = read.stream().mapToLong(RecordBatch::sizeInBytes).sum();
        lastStored = bytes <= MAX_CACHED_BYTES ? List.copyOf(read) : List.of();
        return read;
    }

    /** The first batch appended at or after {@code timestamp}, or null if all are older. */
    RecordBatch firstBatchAtOrAfter(long timestamp) {
        if (stored != null && storedLastAppendTime >= timestamp) {
            return stored.firstAtOrAfter(timestamp);
        }
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

    /** Every batch, in offset order; those out of memory are read back. */
    List<RecordBatch> allBatches() {
        if (stored == null) {
            return batches;
        }
        List<RecordBatch> all = new ArrayList<>(stored.readAll());
        all.addAll(batches);
        return all;
    }

    /**
     * The offset before which the oldest batches in memory hold at least {@code bytes} (all of them if they
     * hold less): where {@link #release} would have to go to free that much.
     */
    long heldOffsetFreeing(long bytes) {
        long freed = 0;
        for (RecordBatch batch : batches) {
            freed += batch.sizeInBytes();
            if (freed >= bytes) {
                return batch.nextOffset();
            }
        }
        return nextOffset;
    }

    /** Drops from memory the batches before {@code upTo}, which {@code reader} serves from now on. */
    long release(SegmentReader reader, long upTo) {
        long freed = 0;
        int count = 0;
        while (count < batches.size() && batches.get(count).nextOffset() <= upTo) {
            RecordBatch batch = batches.get(count);
            freed += batch.sizeInBytes();
            storedLastAppendTime = batch.appendTime();
            count++;
        }
        batches.subList(0, count).clear();
        heldFrom = upTo;
        heldBytes -= freed;
        stored = reader;
        return freed;
    }

    /** The index of the in-memory batch holding {@code offset}, or of the first batch after it. */
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
        return LogTypes.LOG_SEGMENT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(baseOffset);
        out.writeLong(nextOffset);
        out.writeLong(firstAppendTime);
        out.writeLong(lastAppendTime);
        out.writeLong(sizeInBytes);
        RecordBatch.writeList(out, allBatches());
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        baseOffset = in.readLong();
        nextOffset = in.readLong();
        firstAppendTime = in.readLong();
        lastAppendTime = in.readLong();
        sizeInBytes = in.readLong();
        batches = RecordBatch.readList(in);
        heldFrom = baseOffset;
        heldBytes = batches.stream().mapToLong(RecordBatch::sizeInBytes).sum();
        lastEpoch = batches.isEmpty() ? -1 : batches.get(batches.size() - 1).leaderEpoch();
    }
}
