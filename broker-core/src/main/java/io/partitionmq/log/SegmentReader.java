package io.partitionmq.log;

import java.util.List;

/**
 * Reads the batches of one segment that a replica no longer keeps in memory, from where its {@link LogStore}
 * wrote them. It covers a fixed range of the segment: from its base offset up to the offset it was made for.
 */
public interface SegmentReader {
    /** The batches from the one holding {@code fromOffset} on, until they hold {@code maxRecords} or the range ends. */
    List<RecordBatch> read(long fromOffset, int maxRecords);

    /** The first batch appended at or after {@code timestamp}, or null if all in the range are older. */
    RecordBatch firstAtOrAfter(long timestamp);

    /** Every batch in the range. */
    List<RecordBatch> readAll();
}
