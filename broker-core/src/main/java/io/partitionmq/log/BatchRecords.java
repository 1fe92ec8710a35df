package io.partitionmq.log;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Records as the log holds them, in batches, decoded one batch at a time when first read: a fetch hands them on
 * (to a client over the wire, too) without decoding and encoding each record on the way. Unmodifiable.
 */
public final class BatchRecords extends AbstractList<Record> implements RandomAccess {
    private final List<RecordBatch> batches;
    /** The index of each batch's first record among all of them. */
    private final int[] firsts;
    private final int size;
    private final AtomicReferenceArray<List<Record>> decoded;

    /** @param batches batches in offset order, none empty, each holding only records that belong here */
    public BatchRecords(List<RecordBatch> batches) {
        this.batches = List.copyOf(batches);
        this.firsts = new int[this.batches.size()];
        int count = 0;
        for (int i = 0; i < firsts.length; i++) {
            if (this.batches.get(i).recordCount() <= 0) {
                throw new IllegalArgumentException("an empty batch at offset " + this.batches.get(i).baseOffset());
            }
            firsts[i] = count;
            count += this.batches.get(i).recordCount();
        }
        this.size = count;
        this.decoded = new AtomicReferenceArray<>(firsts.length);
    }

    public List<RecordBatch> batches() {
        return batches;
    }

    @Override
    public Record get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("record " + index + " of " + size);
        }
        int batch = Arrays.binarySearch(firsts, index);
        if (batch < 0) {
            batch = -batch - 2;
        }
        return decodedBatch(batch).get(index - firsts[batch]);
    }

    /** The record at {@code offset}, which one of the batches holds. */
    public Record recordAt(long offset) {
        int low = 0;
        int high = batches.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            RecordBatch batch = batches.get(middle);
            if (offset < batch.baseOffset()) {
                high = middle - 1;
            } else if (offset >= batch.nextOffset()) {
                low = middle + 1;
            } else {
                return decodedBatch(middle).get((int) (offset - batch.baseOffset()));
            }
        }
        throw new IllegalArgumentException("no batch holds offset " + offset);
    }

    private List<Record> decodedBatch(int batch) {
        List<Record> records = decoded.get(batch);
        if (records == null) {
            records = List.copyOf(RecordCodec.decode(batches.get(batch)));
            decoded.set(batch, records);
        }
        return records;
    }

    @Override
    public int size() {
        return size;
    }
}
