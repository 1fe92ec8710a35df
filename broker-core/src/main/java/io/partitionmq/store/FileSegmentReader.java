package io.partitionmq.store;

import io.partitionmq.log.RecordBatch;
import io.partitionmq.log.SegmentReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a segment file's batches before a given offset, starting each read at the nearest {@link SegmentIndex}
 * entry. The file is opened per read: replicas may hold many segments, and the page cache keeps recent ones.
 */
final class FileSegmentReader implements SegmentReader {
    private final Path file;
    private final long[] offsets;
    private final long[] times;
    private final long[] positions;
    private final int count;
    private final long endPosition;
    private final long upTo;

    FileSegmentReader(Path file, long[] offsets, long[] times, long[] positions, int count, long endPosition,
            long upTo) {
        this.file = file;
        this.offsets = offsets;
        this.times = times;
        this.positions = positions;
        this.count = count;
        this.endPosition = endPosition;
        this.upTo = upTo;
    }

    @Override
    public List<RecordBatch> read(long fromOffset, int maxRecords) {
        List<RecordBatch> found = new ArrayList<>();
        long[] records = {0};
        scan(entryAtOrBefore(offsets, fromOffset), batch -> {
            if (batch.nextOffset() > fromOffset) {
                found.add(batch);
                records[0] += batch.recordsFrom(fromOffset);
            }
            return records[0] < maxRecords;
        });
        return found;
    }

    @Override
    public RecordBatch firstAtOrAfter(long timestamp) {
        RecordBatch[] found = {null};
        // Times never decrease: the batch is after the last entry older than the timestamp.
        int entry = Math.max(0, firstEntryAtOrAfter(timestamp) - 1);
        scan(entry, batch -> {
            if (batch.appendTime() >= timestamp) {
                found[0] = batch;
                return false;
            }
            return true;
        });
        return found[0];
    }

    @Override
    public List<RecordBatch> readAll() {
        List<RecordBatch> all = new ArrayList<>();
        scan(0, all::add);
        return all;
    }

    /**
     * Hands the batches from index entry {@code entry} on to {@code each} until it returns false or the range
     * ends. Reaching neither means a frame in the range did not read back intact: that is an error, never a gap.
     */
    private void scan(int entry, Predicate<RecordBatch> each) {
        boolean[] finished = {false};
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = Frames.scan(channel, positions[entry], endPosition, SegmentFiles.minBodyLength(), body -> {
                RecordBatch batch = SegmentFiles.batchOf(body);
                finished[0] = batch.baseOffset() >= upTo || !each.test(batch) || batch.nextOffset() >= upTo;
                return !finished[0];
            });
            if (!finished[0]) {
                throw new IllegalStateException("segment file " + file + " is damaged at byte " + end
                        + ": the batches before offset " + upTo + " cannot be read back");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the segment file " + file, e);
        }
    }

    private int entryAtOrBefore(long[] keys, long key) {
        int low = 0;
        int high = count - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (keys[middle] <= key) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private int firstEntryAtOrAfter(long timestamp) {
        int low = 0;
        int high = count;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times[middle] < timestamp) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
