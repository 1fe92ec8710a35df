package io.partitionmq.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Checksummed frames, the unit of every append-only file of the store: {@code [length][crc32][body]}, where the
 * CRC covers the body. A torn or corrupt frame ends the readable part of a file.
 */
final class Frames {
    private static final int HEADER = 4 + 4;

    private Frames() {
    }

    static ByteBuffer frame(ByteBuffer body) {
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        ByteBuffer frame = ByteBuffer.allocate(HEADER + body.remaining());
        frame.putInt(body.remaining()).putInt((int) crc.getValue()).put(body).flip();
        return frame;
    }

    /**
     * Hands each intact frame's body (at least {@code minLength} bytes) to {@code each}, in file order, and
     * returns the byte position after the last one.
     */
    static long read(Path file, int minLength, Consumer<ByteBuffer> each) throws IOException {
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
                if (length < minLength || length > channel.size() - channel.position()) {
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
                each.accept(body);
                valid = channel.position();
            }
        }
        return valid;
    }

    static void write(FileChannel channel, ByteBuffer frame) throws IOException {
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
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
