package io.partitionmq.remote;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client's end of a link, on a blocking socket. A sending thread writes and flushes its frame itself, under a
 * lock, and so waits while the socket is full: a client that sends faster than the broker takes is slowed, not
 * buffered without end. Only the reader thread (which completes calls, and may send from there) hands its frames
 * to a writer thread, as it must never wait on the socket while the broker may be waiting for it to read.
 *
 * <p>A blocking {@link Socket}, not a channel: an interrupt of a thread writing to a channel would close the
 * channel, and application threads calling the client may be interrupted.
 */
final class SocketLink extends WireLink {
    private static final System.Logger LOG = System.getLogger(SocketLink.class.getName());
    private static final WireFrame CLOSE = WireFrame.encode(EVENT, 0, out -> { }, "nowhere");

    private final Socket socket;
    /** Frames the reader thread sent, for the writer thread. */
    private final LinkedBlockingQueue<WireFrame> outgoing = new LinkedBlockingQueue<>();
    /** Held while frames are written to {@link #out}, by the writer thread or a sender writing its own. */
    private final ReentrantLock writing = new ReentrantLock();
    private final OutputStream out;
    private Thread reader;

    SocketLink(Socket socket, String name, Receiver receiver) throws IOException {
        super(name, receiver);
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    @Override
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

    @Override
    void send(byte kind, long id, Body body) {
        WireFrame frame = WireFrame.encode(kind, id, body, name);
        requireOpen();
        if (Thread.currentThread() != reader) {
            writeNow(frame);
        } else {
            outgoing.add(frame);
        }
    }

    /**
     * Writes the frame on this thread, after any the writer thread has queued. A failure closes the link, which
     * fails the calls awaiting replies as a failure of the writer thread would.
     */
    private void writeNow(WireFrame frame) {
        writing.lock();
        try {
            for (WireFrame queued = outgoing.poll(); queued != null; queued = outgoing.poll()) {
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

    private void writeLoop() {
        try (out) {
            while (true) {
                WireFrame frame = outgoing.take();
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
                WireFrame.checkLength(length);
                byte kind = in.readByte();
                long id = in.readLong();
                byte[] body = new byte[length - WireFrame.HEADER];
                in.readFully(body);
                deliver(kind, id, body);
            }
        } catch (IOException | RuntimeException e) {
            readingEnded(e);
        }
    }

    @Override
    void release() {
        outgoing.add(CLOSE);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the socket to " + name + " failed", e);
        }
    }
}
