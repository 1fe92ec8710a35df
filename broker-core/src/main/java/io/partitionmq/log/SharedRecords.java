package io.partitionmq.log;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Records handed to a share-group consumer, with their delivery counts, held as the log's batches (cut to the
 * records handed out, {@link BatchRecords}): a leader's reply reaches the consumer, over the wire too, without each
 * record being decoded and encoded again on the way. Unmodifiable.
 */
public final class SharedRecords extends AbstractList<ShareRecord> implements RandomAccess {
    private final BatchRecords records;
    private final long[] offsets;
    private final int[] deliveryCounts;

    /**
     * @param batches        batches in offset order, holding at least the records named
     * @param offsets        the records handed out, in the order handed
     * @param deliveryCounts each one's delivery count
     */
    public SharedRecords(List<RecordBatch> batches, long[] offsets, int[] deliveryCounts) {
        this(new BatchRecords(batches), offsets, deliveryCounts);
    }

    private SharedRecords(BatchRecords records, long[] offsets, int[] deliveryCounts) {
        if (offsets.length != deliveryCounts.length) {
            throw new IllegalArgumentException(offsets.length + " offsets but " + deliveryCounts.length
                    + " delivery counts");
        }
        this.records = records;
        this.offsets = offsets.clone();
        this.deliveryCounts = deliveryCounts.clone();
    }

    /** @param pairs {offset, delivery count} per record handed out, all held by {@code records} */
    static SharedRecords of(BatchRecords records, long[][] pairs) {
        long[] offsets = new long[pairs.length];
        int[] counts = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            offsets[i] = pairs[i][0];
            counts[i] = (int) pairs[i][1];
        }
        return new SharedRecords(records, offsets, counts);
    }

    public List<RecordBatch> batches() {
        return records.batches();
    }

    public long offset(int index) {
        return offsets[index];
    }

    public int deliveryCount(int index) {
        return deliveryCounts[index];
    }

    @Override
    public ShareRecord get(int index) {
        return new ShareRecord(records.recordAt(offsets[index]), deliveryCounts[index]);
    }

    @Override
    public int size() {
        return offsets.length;
    }
}
