package io.partitionmq.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A piece of state that changes often (a partition's share groups), kept as a file of whole snapshots: every
 * change appends one {@link Frames frame}, and the last intact frame is the state. Appending costs one write;
 * replacing a file by rename on every change made ext4 write the data out each time. Once the file grows past
 * {@link #COMPACT_BYTES} it is rewritten aside with only the latest snapshot and moved into place.
 */
final class StateJournal implements Closeable {
    static final long COMPACT_BYTES = 4L << 20;

    private final Path file;
    private FileChannel channel;
    private long size;

    StateJournal(Path file) {
        this.file = file;
    }

    /** The latest intact snapshot in {@code file}, or null if it has none. */
    static byte[] readLatest(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        byte[][] latest = new byte[1][];
        Frames.read(file, 0, body -> {
            latest[0] = new byte[body.remaining()];
            body.get(latest[0]);
        });
        return latest[0];
    }

    /** Appends a snapshot; with {@code force}, it is on disk when this returns. */
    void append(byte[] state, boolean force) throws IOException {
        ByteBuffer frame = Frames.frame(ByteBuffer.wrap(state));
        if (channel == null || size + frame.remaining() > COMPACT_BYTES) {
            compact(frame);
        } else {
            size += frame.remaining();
            Frames.write(channel, frame);
        }
        if (force) {
            channel.force(false);
        }
    }

    /** Starts the file anew with one snapshot: written aside, on disk, then moved over the old one. */
    private void compact(ByteBuffer frame) throws IOException {
        close();
        Files.createDirectories(file.getParent());
        Path pending = file.resolveSibling(file.getFileName() + ".pending");
        size = frame.remaining();
        try (FileChannel aside = FileChannel.open(pending, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Frames.write(aside, frame);
            aside.force(false);
        }
        Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** The open file, if any, for a flush outside the caller's lock. */
    Optional<FileChannel> channel() {
        return Optional.ofNullable(channel);
    }

    void force() throws IOException {
        if (channel != null) {
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
