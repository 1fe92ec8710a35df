package io.partitionmq.log;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Records handed to a share-group consumer, with their delivery counts, held as the log's batches (cut to the
 * records handed out) and decoded one batch at a time when first read: a leader's reply reaches the consumer, over
 * the wire too, without each record being decoded and encoded again on the way. Unmodifiable.
 */
public final class SharedRecords extends AbstractList<ShareRecord> implements RandomAccess {
    private final List<RecordBatch> batches;
    private final long[] offsets;
    private final int[] deliveryCounts;
    private final AtomicReferenceArray<List<Record>> decoded;

    /**
     * @param batches        batches in offset order, holding at least the records named
     * @param offsets        the records handed out, in the order handed
     * @param deliveryCounts each one's delivery count
     */
    public SharedRecords(List<RecordBatch> batches, long[] offsets, int[] deliveryCounts) {
        if (offsets.length != deliveryCounts.length) {
            throw new IllegalArgumentException(offsets.length + " offsets but " + deliveryCounts.length
                    + " delivery counts");
        }
        this.batches = List.copyOf(batches);
        this.offsets = offsets.clone();
        this.deliveryCounts = deliveryCounts.clone();
        this.decoded = new AtomicReferenceArray<>(this.batches.size());
    }

    /** @param pairs {offset, delivery count} per record handed out */
    static SharedRecords of(List<RecordBatch> batches, long[][] pairs) {
        long[] offsets = new long[pairs.length];
        int[] counts = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            offsets[i] = pairs[i][0];
            counts[i] = (int) pairs[i][1];
        }
        return new SharedRecords(batches, offsets, counts);
    }

    public List<RecordBatch> batches() {
        return batches;
    }

    public long offset(int index) {
        return offsets[index];
    }

    public int deliveryCount(int index) {
        return deliveryCounts[index];
    }

    @Override
    public ShareRecord get(int index) {
        long offset = offsets[index];
        int batch = batchHolding(offset);
        List<Record> records = decoded.get(batch);
        if (records == null) {
            records = RecordCodec.decode(batches.get(batch));
            decoded.set(batch, records);
        }
        return new ShareRecord(records.get((int) (offset - batches.get(batch).baseOffset())), deliveryCounts[index]);
    }

    private int batchHolding(long offset) {
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
                return middle;
            }
        }
        throw new IllegalStateException("no batch holds offset " + offset);
    }

    @Override
    public int size() {
        return offsets.length;
    }
}
