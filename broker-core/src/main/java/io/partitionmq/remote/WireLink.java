package io.partitionmq.remote;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of a socket between a client and a broker, carrying frames: {@code [length][kind][id][body]}. Any
 * thread sends; a writer thread of its own writes the frames in order and flushes when it has no more, so frames
 * sent together leave together. A reader thread hands each arriving frame to the receiver.
 *
 * <p>On a client's end a sending thread writes its frame itself ({@code callersWrite}), saving the hand-off to the
 * writer thread; only the reader thread (which completes calls, and may send from there) still hands its frames
 * over, as it must never wait on the socket while the other end may be waiting for it to read. A broker's end
 * never writes on the sender's thread: its senders are Hazelcast's threads, which a slow client must not hold.
 */
final class WireLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WireLink.class.getName());
    private static final int MAX_FRAME = 64 * 1024 * 1024;
    private static final FrameBuffer CLOSE = new FrameBuffer();

    static final byte CALL = 1;
    static final byte RESULT = 2;
    static final byte FAILURE = 3;
    static final byte EVENT = 4;

    /** What a frame's body holds, written when it is sent (so a value that cannot travel fails its sender). */
    interface Body {
        void writeTo(DataOutputStream out) throws IOException;
    }

    interface Receiver {
        void received(byte kind, long id, DataInputStream body) throws IOException;

        /** The link is closed, by either end or by a failure ({@code cause}, null when closed on purpose). */
        void closed(IOException cause);
    }

    private final Socket socket;
    private final String name;
    private final Receiver receiver;
    private final LinkedBlockingQueue<FrameBuffer> outgoing = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean callersWrite;
    /** Held while frames are written to {@link #out}, by the writer thread or a sender writing its own. */
    private final ReentrantLock writing = new ReentrantLock();
    private final OutputStream out;
    private Thread reader;

    WireLink(Socket socket, String name, Receiver receiver, boolean callersWrite) throws IOException {
        this.socket = socket;
        this.name = name;
        this.receiver = receiver;
        this.callersWrite = callersWrite;
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    void start() {
        reader = thread("partitionmq-read-" + name, this::readLoop);
        reader.start();
        thread("partitionmq-write-" + name, this::writeLoop).start();
    }

    private static Thread thread(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Sends a frame, unless the link is closed ({@link LinkClosedException}).
     *
     * @throws IllegalArgumentException if the body holds a value that cannot travel
     */
    void send(byte kind, long id, Body body) {
        FrameBuffer frame = new FrameBuffer();
        try (DataOutputStream out = new DataOutputStream(frame)) {
            out.writeInt(0);
            out.writeByte(kind);
            out.writeLong(id);
            body.writeTo(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("encoding a message to " + name + " failed: " + e.getMessage(), e);
        }
        int length = frame.size() - 4;
        if (length > MAX_FRAME) {
            throw new IllegalArgumentException("a message of " + length + " bytes is above the " + MAX_FRAME
                    + " a connection carries; ask for less at a time");
        }
        frame.setLength(length);
        if (closed.get()) {
            throw new LinkClosedException(name);
        }
        if (callersWrite && Thread.currentThread() != reader) {
            writeNow(frame);
        } else {
            outgoing.add(frame);
        }
    }

    /**
     * Writes the frame on this thread, after any the writer thread has queued. A failure closes the link, which
     * fails the calls awaiting replies as a failure of the writer thread would.
     */
    private void writeNow(FrameBuffer frame) {
        writing.lock();
        try {
            for (FrameBuffer queued = outgoing.poll(); queued != null; queued = outgoing.poll()) {
                if (queued == CLOSE) {
                    outgoing.add(CLOSE); // the link closed: the writer thread ends on it, nothing more is written
                    return;
                }
                queued.writeTo(out);
            }
            frame.writeTo(out);
            out.flush();
        } catch (IOException e) {
            fail(e);
        } finally {
            writing.unlock();
        }
    }

    /**
     * A frame as it is encoded: pieces of bytes, the writer thread writing them in turn. Large byte arrays (a
     * batch's records) become pieces of their own, not copied: they must not change until the frame is written,
     * which holds for what travels here (batches and messages, immutable once made).
     */
    private static final class FrameBuffer extends OutputStream {
        /** The first {@code length} bytes of {@code bytes}. */
        private record Piece(byte[] bytes, int length) {
        }

        private static final int SHARED_FROM = 16 * 1024;
        private static final int LARGEST_PIECE = 1024 * 1024;
        private final List<Piece> pieces = new ArrayList<>(2);
        private byte[] current = new byte[512];
        private int used;
        private int size;

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

        int size() {
            return size;
        }

        /** Writes the frame's length into its first four bytes. */
        void setLength(int length) {
            byte[] head = pieces.isEmpty() ? current : pieces.get(0).bytes();
            head[0] = (byte) (length >>> 24);
            head[1] = (byte) (length >>> 16);
            head[2] = (byte) (length >>> 8);
            head[3] = (byte) length;
        }

        void writeTo(OutputStream out) throws IOException {
            for (Piece piece : pieces) {
                out.write(piece.bytes(), 0, piece.length());
            }
            out.write(current, 0, used);
        }
    }

    boolean isOpen() {
        return !closed.get();
    }

    private void writeLoop() {
        try (out) {
            while (true) {
                FrameBuffer frame = outgoing.take();
                if (frame == CLOSE) {
                    return;
                }
                writing.lock();
                try {
                    frame.writeTo(out);
                    if (outgoing.isEmpty()) {
                        out.flush();
                    }
                } finally {
                    writing.unlock();
                }
            }
        } catch (IOException e) {
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024))) {
            while (true) {
                int length = in.readInt();
                if (length < 9 || length > MAX_FRAME) {
                    throw new IOException("a frame of " + length + " bytes is out of range");
                }
                byte kind = in.readByte();
                long id = in.readLong();
                byte[] body = new byte[length - 9];
                in.readFully(body);
                receiver.received(kind, id, new DataInputStream(new ByteArrayInputStream(body)));
            }
        } catch (EOFException e) {
            finish(null);
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handling a frame from " + name + " failed; closing the link", e);
            fail(new IOException(e));
        }
    }

    private void fail(IOException cause) {
        finish(closed.get() ? null : cause);
    }

    private void finish(IOException cause) {
        if (closed.compareAndSet(false, true)) {
            outgoing.add(CLOSE);
            try {
                socket.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing the socket to " + name + " failed", e);
            }
            receiver.closed(cause);
        }
    }

    @Override
    public void close() {
        finish(null);
    }

    @Override
    public String toString() {
        return name;
    }

    /** A frame could not be sent: the link had closed. */
    static final class LinkClosedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        LinkClosedException(String name) {
            super("the connection to " + name + " is closed");
        }
    }
}
