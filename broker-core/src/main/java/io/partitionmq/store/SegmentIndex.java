package io.partitionmq.store;

import io.partitionmq.log.RecordBatch;
import io.partitionmq.log.SegmentReader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A sparse index of one segment file, kept in memory while the store writes it: the base offset, append time
 * and file position of a batch at least every {@link #SPACING} bytes, and where the written data ends. Entries
 * are only ever added, so a reader keeps using the prefix it was given while the file grows.
 */
final class SegmentIndex {
    static final int SPACING = 64 * 1024;

    private long[] offsets = new long[8];
    private long[] times = new long[8];
    private long[] positions = new long[8];
    private int count;
    private long endOffset = -1;
    private long endPosition;
    /** Whether the file held bytes this index never saw (it cannot find those): then it serves no reader. */
    private final boolean partial;

    /** An index of a file that already holds {@code existingBytes}, to which batches are now appended. */
    SegmentIndex(long existingBytes) {
        this.endPosition = existingBytes;
        this.partial = existingBytes > 0;
    }

    /** Notes a batch written at {@code position}, taking {@code frameBytes} in the file. */
    void add(RecordBatch batch, long position, int frameBytes) {
        if (count == 0 || position - positions[count - 1] >= SPACING) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
                times = Arrays.copyOf(times, count * 2);
                positions = Arrays.copyOf(positions, count * 2);
            }
            offsets[count] = batch.baseOffset();
            times[count] = batch.appendTime();
            positions[count] = position;
            count++;
        }
        endOffset = batch.nextOffset();
        endPosition = position + frameBytes;
    }

    /** Where the written data ends: the file position the next batch is written at. */
    long endPosition() {
        return endPosition;
    }

    /** A reader of the file's batches before {@code upTo}, or null if the file does not hold them all yet. */
    SegmentReader readerUpTo(Path file, long upTo) {
        if (partial || count == 0 || endOffset < upTo) {
            return null;
        }
        return new FileSegmentReader(file, offsets, times, positions, count, endPosition, upTo);
    }
}
