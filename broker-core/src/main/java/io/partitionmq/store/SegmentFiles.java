package io.partitionmq.store;

import io.partitionmq.log.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte layout of a segment file: one {@link Frames frame} per batch, holding {@code [base offset]
 * [record count][append time][leader epoch][payload]}.
 */
final class SegmentFiles {
    private static final int FIXED = 8 + 4 + 8 + 4;

    private SegmentFiles() {
    }

    static String fileName(long baseOffset) {
        return String.format("%020d.log", baseOffset);
    }

    static long baseOffsetOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".log".length()));
    }

    static ByteBuffer frame(RecordBatch batch) {
        byte[] payload = batch.payload();
        ByteBuffer body = ByteBuffer.allocate(FIXED + payload.length);
        body.putLong(batch.baseOffset()).putInt(batch.recordCount()).putLong(batch.appendTime())
                .putInt(batch.leaderEpoch()).put(payload).flip();
        return Frames.frame(body);
    }

    /** The batches of a segment file, and the byte position after the last intact one. */
    record Contents(List<RecordBatch> batches, long validBytes) {
    }

    static Contents read(Path file) throws IOException {
        List<RecordBatch> batches = new ArrayList<>();
        long valid = Frames.read(file, FIXED, body -> batches.add(batchOf(body)));
        return new Contents(batches, valid);
    }

    /** The batch a frame's body holds. */
    static RecordBatch batchOf(ByteBuffer body) {
        long baseOffset = body.getLong();
        int count = body.getInt();
        long appendTime = body.getLong();
        int epoch = body.getInt();
        byte[] payload = new byte[body.remaining()];
        body.get(payload);
        return new RecordBatch(baseOffset, count, appendTime, epoch, payload);
    }

    /** The smallest frame body: a batch's fixed fields. */
    static int minBodyLength() {
        return FIXED;
    }
}
