package io.partitionmq.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * Checksummed frames, the unit of every append-only file of the store: {@code [length][crc32][body]}, where the
 * CRC covers the body. A torn or corrupt frame ends the readable part of a file.
 */
final class Frames {
    private static final int HEADER = 4 + 4;
    private static final int CHUNK = 64 * 1024;

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
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return scan(channel, 0, channel.size(), minLength, body -> {
                each.accept(body);
                return true;
            });
        }
    }

    /**
     * Hands the bodies of the intact frames from {@code position} on (and before {@code limit}) to {@code each}
     * until it returns false, reading the file in large chunks; returns the position after the last frame handed.
     * A body is only valid during its call.
     */
    static long scan(FileChannel channel, long position, long limit, int minLength, Predicate<ByteBuffer> each)
            throws IOException {
        ByteBuffer window = ByteBuffer.allocate(CHUNK).flip();
        long windowStart = position;
        long next = position;
        while (next + HEADER <= limit) {
            int at = (int) (next - windowStart);
            if (window.limit() - at < HEADER) {
                window = fill(channel, window, next, HEADER, limit);
                windowStart = next;
                at = 0;
                if (window.limit() < HEADER) {
                    break;
                }
            }
            int length = window.getInt(at);
            int expectedCrc = window.getInt(at + 4);
            if (length < minLength || next + HEADER + length > limit) {
                break;
            }
            if (window.limit() - at < HEADER + length) {
                window = fill(channel, window, next, HEADER + length, limit);
                windowStart = next;
                at = 0;
                if (window.limit() < HEADER + length) {
                    break;
                }
            }
            ByteBuffer body = window.slice(at + HEADER, length);
            CRC32 crc = new CRC32();
            crc.update(body.duplicate());
            if ((int) crc.getValue() != expectedCrc) {
                break;
            }
            next += HEADER + length;
            if (!each.test(body)) {
                break;
            }
        }
        return next;
    }

    /** Reads the file from {@code position} into a window of at least {@code needed} bytes (fewer at the end). */
    private static ByteBuffer fill(FileChannel channel, ByteBuffer window, long position, int needed, long limit)
            throws IOException {
        ByteBuffer target = window.capacity() >= needed ? window.clear() : ByteBuffer.allocate(needed);
        target.limit((int) Math.min(target.capacity(), limit - position));
        long at = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, at);
            if (read < 0) {
                break;
            }
            at += read;
        }
        return target.flip();
    }

    static void write(FileChannel channel, ByteBuffer frame) throws IOException {
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
    }

    /** Writes {@code bytes} at {@code position}, leaving the channel's own position where it was. */
    static void write(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    /** Whether the file holds only zeros from {@code position} on: space reserved ahead, never written. */
    static boolean zeroFrom(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            long at = position;
            for (int read = channel.read(chunk, at); read > 0; read = channel.read(chunk.clear(), at)) {
                for (int i = 0; i < read; i++) {
                    if (chunk.get(i) != 0) {
                        return false;
                    }
                }
                at += read;
            }
            return true;
        }
    }
}
