package io.partitionmq.remote;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of a socket between a client and a broker, carrying frames: {@code [length][kind][id][body]} (see
 * {@link WireFrame}). A client's end is a {@link SocketLink}, whose senders write their own frames and wait while
 * the socket is full; a broker's end is a {@link ChannelLink}, whose senders never wait.
 */
abstract sealed class WireLink implements AutoCloseable permits SocketLink, ChannelLink {
    private static final System.Logger LOG = System.getLogger(WireLink.class.getName());

    static final byte CALL = 1;
    static final byte RESULT = 2;
    static final byte FAILURE = 3;
    static final byte EVENT = 4;

    /** What a frame's body holds, written when it is sent (so a value that cannot travel fails its sender). */
    interface Body {
        void writeTo(DataOutputStream out) throws IOException;
    }

    interface Receiver {
        /** A frame arrived; called on the link's reading thread, one frame at a time in arrival order. */
        void received(byte kind, long id, DataInputStream body) throws IOException;

        /** The link is closed, by either end or by a failure ({@code cause}, null when closed on purpose). */
        void closed(IOException cause);
    }

    final String name;
    private final Receiver receiver;
    private final AtomicBoolean closed = new AtomicBoolean();

    WireLink(String name, Receiver receiver) {
        this.name = name;
        this.receiver = receiver;
    }

    /** Starts the link's threads. */
    abstract void start();

    /**
     * Sends a frame, unless the link is closed ({@link LinkClosedException}).
     *
     * @throws IllegalArgumentException if the body holds a value that cannot travel
     */
    abstract void send(byte kind, long id, Body body);

    /** Closes the socket; called once, when the link closes. */
    abstract void release();

    final boolean isOpen() {
        return !closed.get();
    }

    final void requireOpen() {
        if (closed.get()) {
            throw new LinkClosedException(name);
        }
    }

    /** Hands an arriving frame's body to the receiver. */
    final void deliver(byte kind, long id, byte[] body) throws IOException {
        receiver.received(kind, id, new DataInputStream(new ByteArrayInputStream(body)));
    }

    /** The reading thread ended on {@code failure}: the other end closed, the socket failed, or a frame did. */
    final void readingEnded(Exception failure) {
        if (failure instanceof EOFException) {
            finish(null);
        } else if (failure instanceof IOException io) {
            fail(io);
        } else {
            LOG.log(Level.WARNING, "handling a frame from " + name + " failed; closing the link", failure);
            fail(new IOException(failure));
        }
    }

    /** Closes the link on a failure; one that follows its closing is no failure. */
    final void fail(IOException cause) {
        finish(closed.get() ? null : cause);
    }

    private void finish(IOException cause) {
        if (closed.compareAndSet(false, true)) {
            release();
            receiver.closed(cause);
        }
    }

    @Override
    public final void close() {
        finish(null);
    }

    @Override
    public final String toString() {
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
