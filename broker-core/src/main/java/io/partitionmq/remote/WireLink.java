package io.partitionmq.remote;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of a socket between a client and a broker, carrying frames: {@code [length][kind][id][body]}. Any
 * thread sends; a writer thread of its own writes the frames in order and flushes when it has no more, so frames
 * sent together leave together. A reader thread hands each arriving frame to the receiver.
 */
final class WireLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WireLink.class.getName());
    private static final int MAX_FRAME = 64 * 1024 * 1024;
    private static final byte[] CLOSE = new byte[0];

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
    private final LinkedBlockingQueue<byte[]> outgoing = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    WireLink(Socket socket, String name, Receiver receiver) throws IOException {
        this.socket = socket;
        this.name = name;
        this.receiver = receiver;
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
    }

    void start() {
        thread("partitionmq-read-" + name, this::readLoop).start();
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0);
            out.writeByte(kind);
            out.writeLong(id);
            body.writeTo(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("encoding a message to " + name + " failed: " + e.getMessage(), e);
        }
        byte[] frame = bytes.toByteArray();
        int length = frame.length - 4;
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        if (closed.get()) {
            throw new LinkClosedException(name);
        }
        outgoing.add(frame);
    }

    boolean isOpen() {
        return !closed.get();
    }

    private void writeLoop() {
        try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
            while (true) {
                byte[] frame = outgoing.take();
                if (frame == CLOSE) {
                    return;
                }
                out.write(frame);
                if (outgoing.isEmpty()) {
                    out.flush();
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
