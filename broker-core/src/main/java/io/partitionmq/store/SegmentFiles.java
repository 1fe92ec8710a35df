package io.partitionmq.store;

import io.partitionmq.log.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The byte layout of a segment file: one frame per batch, {@code [length][crc32][base offset][record count]
 * [append time][leader epoch][payload]}, where the length and CRC cover everything after the CRC. A torn or
 * corrupt frame ends the readable part of a file.
 */
final class SegmentFiles {
    private static final int HEADER = 4 + 4;
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
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        ByteBuffer frame = ByteBuffer.allocate(HEADER + body.remaining());
        frame.putInt(body.remaining()).putInt((int) crc.getValue()).put(body).flip();
        return frame;
    }

    /** The batches of a segment file, and the byte position after the last intact one. */
    record Contents(List<RecordBatch> batches, long validBytes) {
    }

    static Contents read(Path file) throws IOException {
        List<RecordBatch> batches = new ArrayList<>();
        long valid = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (true) {
                header.clear();
                if (readFully(channel, header) < HEADER) {
                    break;
                }
                header.flip();
                int length = header.getInt();
                int expectedCrc = header.getInt();
                if (length < FIXED || length > channel.size() - channel.position()) {
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                if (readFully(channel, body) < length) {
                    break;
                }
                body.flip();
                CRC32 crc = new CRC32();
                crc.update(body.duplicate());
                if ((int) crc.getValue() != expectedCrc) {
                    break;
                }
                long baseOffset = body.getLong();
                int count = body.getInt();
                long appendTime = body.getLong();
                int epoch = body.getInt();
                byte[] payload = new byte[body.remaining()];
                body.get(payload);
                batches.add(new RecordBatch(baseOffset, count, appendTime, epoch, payload));
                valid = channel.position();
            }
        }
        return new Contents(batches, valid);
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }
}
