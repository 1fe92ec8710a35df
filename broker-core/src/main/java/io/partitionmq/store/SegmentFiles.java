package io.partitionmq.store;

import io.partitionmq.log.LogStore;
import io.partitionmq.log.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte layout of a segment file: one {@link Frames frame} per batch, holding {@code [base offset]
 * [record count][append time][leader epoch][payload]}; a batch stamped with its producer holds
 * {@code [base offset][-record count][append time][leader epoch][producer][sequence][payload]} (the negative count
 * marks the stamp, so files written before stamps existed read the same).
 */
final class SegmentFiles {
    private static final int FIXED = 8 + 4 + 8 + 4;
    private static final int STAMP = 8 + 8;

    private SegmentFiles() {
    }

    static String fileName(long baseOffset) {
        return String.format("%020d.log", baseOffset);
    }

    static long baseOffsetOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".log".length()));
    }

    /** The frame of a batch; {@code stamp} may be null (a batch whose producer is not remembered). */
    static ByteBuffer frame(RecordBatch batch, LogStore.ProducerStamp stamp) {
        byte[] payload = batch.payload();
        ByteBuffer body = ByteBuffer.allocate(FIXED + (stamp == null ? 0 : STAMP) + payload.length);
        body.putLong(batch.baseOffset()).putInt(stamp == null ? batch.recordCount() : -batch.recordCount())
                .putLong(batch.appendTime()).putInt(batch.leaderEpoch());
        if (stamp != null) {
            body.putLong(stamp.producer()).putLong(stamp.sequence());
        }
        body.put(payload).flip();
        return Frames.frame(body);
    }

    /**
     * The batches of a segment file, the producer stamps of those that have one (by base offset), and the byte
     * position after the last intact batch.
     */
    record Contents(List<RecordBatch> batches, Map<Long, LogStore.ProducerStamp> stamps, long validBytes) {
    }

    static Contents read(Path file) throws IOException {
        List<RecordBatch> batches = new ArrayList<>();
        Map<Long, LogStore.ProducerStamp> stamps = new HashMap<>();
        long valid = Frames.read(file, FIXED, body -> {
            LogStore.ProducerStamp stamp = stampOf(body.duplicate());
            RecordBatch batch = batchOf(body);
            batches.add(batch);
            if (stamp != null) {
                stamps.put(batch.baseOffset(), stamp);
            }
        });
        return new Contents(batches, stamps, valid);
    }

    /** The batch a frame's body holds. */
    static RecordBatch batchOf(ByteBuffer body) {
        long baseOffset = body.getLong();
        int count = body.getInt();
        long appendTime = body.getLong();
        int epoch = body.getInt();
        if (count < 0) {
            body.position(body.position() + STAMP);
        }
        byte[] payload = new byte[body.remaining()];
        body.get(payload);
        return new RecordBatch(baseOffset, Math.abs(count), appendTime, epoch, payload);
    }

    /** The producer stamp a frame's body holds, or null. */
    private static LogStore.ProducerStamp stampOf(ByteBuffer body) {
        if (body.getInt(body.position() + 8) >= 0) {
            return null;
        }
        return new LogStore.ProducerStamp(body.getLong(body.position() + FIXED),
                body.getLong(body.position() + FIXED + 8));
    }

    /** The smallest frame body: a batch's fixed fields. */
    static int minBodyLength() {
        return FIXED;
    }
}
