package io.partitionmq.remote;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame as it is encoded, {@code [length][kind][id][body]}: pieces of bytes, written in turn. Large byte arrays
 * (a batch's records) become pieces of their own, not copied: they must not change until the frame is written,
 * which holds for what travels here (batches and messages, immutable once made).
 */
final class WireFrame extends OutputStream {
    /** The largest frame a link carries, length field excluded. */
    static final int MAX = 64 * 1024 * 1024;
    /** A frame's length covers at least its kind (1 byte) and id (8). */
    static final int HEADER = 9;

    /** The first {@code length} bytes of {@code bytes}. */
    private record Piece(byte[] bytes, int length) {
    }

    private static final int SHARED_FROM = 16 * 1024;
    private static final int LARGEST_PIECE = 1024 * 1024;
    private final List<Piece> pieces = new ArrayList<>(2);
    private byte[] current = new byte[512];
    private int used;
    private int size;

    private WireFrame() {
    }

    /**
     * Encodes a frame for the link {@code to}.
     *
     * @throws IllegalArgumentException if the body holds a value that cannot travel, or is too large
     */
    static WireFrame encode(byte kind, long id, WireLink.Body body, String to) {
        WireFrame frame = new WireFrame();
        try (DataOutputStream out = new DataOutputStream(frame)) {
            out.writeInt(0);
            out.writeByte(kind);
            out.writeLong(id);
            body.writeTo(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("encoding a message to " + to + " failed: " + e.getMessage(), e);
        }
        int length = frame.size - 4;
        if (length > MAX) {
            throw new IllegalArgumentException("a message of " + length + " bytes is above the " + MAX
                    + " a connection carries; ask for less at a time");
        }
        byte[] head = frame.pieces.isEmpty() ? frame.current : frame.pieces.get(0).bytes();
        head[0] = (byte) (length >>> 24);
        head[1] = (byte) (length >>> 16);
        head[2] = (byte) (length >>> 8);
        head[3] = (byte) length;
        return frame;
    }

    /** Checks an arriving frame's length field. */
    static void checkLength(int length) throws IOException {
        if (length < HEADER || length > MAX) {
            throw new IOException("a frame of " + length + " bytes is out of range");
        }
    }

    @Override
    public void write(int b) {
        if (used == current.length) {
            next(current.length * 2);
        }
        current[used++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (length >= SHARED_FROM && offset == 0 && length == bytes.length) {
            endPiece();
            pieces.add(new Piece(bytes, length));
            size += length;
            current = new byte[512];
            return;
        }
        int left = length;
        int from = offset;
        while (left > 0) {
            if (used == current.length) {
                next(Math.max(current.length * 2, left));
            }
            int n = Math.min(left, current.length - used);
            System.arraycopy(bytes, from, current, used, n);
            used += n;
            from += n;
            left -= n;
        }
        size += length;
    }

    /** Ends the current piece, starting one of {@code capacity} bytes (at most {@link #LARGEST_PIECE}). */
    private void next(int capacity) {
        endPiece();
        current = new byte[Math.min(capacity, LARGEST_PIECE)];
    }

    private void endPiece() {
        if (used > 0) {
            pieces.add(new Piece(current, used));
            used = 0;
        }
    }

    void writeTo(OutputStream out) throws IOException {
        for (Piece piece : pieces) {
            out.write(piece.bytes(), 0, piece.length());
        }
        out.write(current, 0, used);
    }

    /** The frame's bytes as buffers, for a channel's gathering write. */
    ByteBuffer[] buffers() {
        ByteBuffer[] buffers = new ByteBuffer[pieces.size() + 1];
        for (int i = 0; i < pieces.size(); i++) {
            buffers[i] = ByteBuffer.wrap(pieces.get(i).bytes(), 0, pieces.get(i).length());
        }
        buffers[pieces.size()] = ByteBuffer.wrap(current, 0, used);
        return buffers;
    }
}
