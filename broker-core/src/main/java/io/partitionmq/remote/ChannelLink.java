package io.partitionmq.remote;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A broker's end of a link, on a non-blocking channel. A sending thread (a Hazelcast thread, a reply's) writes its
 * frame at once, as far as the socket takes it, and never waits: what the socket does not take joins a backlog
 * that the link's own thread writes once the socket drains. So a reply costs no hand-off to another thread, and a
 * client that stops reading holds up no broker thread. The link's thread also reads the client's frames.
 *
 * <p>An interrupted thread's write would close the channel, so such a thread leaves its frame to the backlog.
 */
final class ChannelLink extends WireLink {
    private static final System.Logger LOG = System.getLogger(ChannelLink.class.getName());
    private static final int READ_BUFFER = 64 * 1024;
    private static final int BUFFERS_PER_WRITE = 64;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    /** Held while writing to the channel, so that frames leave whole and in the order they were sent. */
    private final ReentrantLock writing = new ReentrantLock();
    /** What the socket did not take yet, oldest first (guarded by {@link #writing}). */
    private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();

    ChannelLink(SocketChannel channel, String name, Receiver receiver) throws IOException {
        super(name, receiver);
        this.channel = channel;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        this.selector = Selector.open();
        try {
            this.key = channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    @Override
    void start() {
        Thread thread = new Thread(this::run, "partitionmq-link-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    void send(byte kind, long id, Body body) {
        ByteBuffer[] frame = WireFrame.encode(kind, id, body, name).buffers();
        IOException failure = null;
        writing.lock();
        try {
            requireOpen();
            boolean waiting = !backlog.isEmpty();
            if (!waiting && !Thread.currentThread().isInterrupted()) {
                write(frame);
            }
            for (ByteBuffer piece : frame) {
                if (piece.hasRemaining()) {
                    backlog.add(piece);
                }
            }
            if (!waiting && !backlog.isEmpty()) {
                key.interestOpsOr(SelectionKey.OP_WRITE);
                selector.wakeup();
            }
        } catch (IOException e) {
            failure = e;
        } catch (CancelledKeyException e) {
            failure = new IOException("the channel to " + name + " closed", e);
        } finally {
            writing.unlock();
        }
        if (failure != null) {
            fail(failure);
        }
    }

    /** Writes as much of {@code buffers} as the socket takes now. */
    private void write(ByteBuffer[] buffers) throws IOException {
        ByteBuffer last = buffers[buffers.length - 1];
        while (last.hasRemaining() && channel.write(buffers) > 0) {
            // the socket took some; try the rest
        }
    }

    /** On the link's thread, when the socket drained: writes the backlog, and stops watching once it is empty. */
    private void writeBacklog() throws IOException {
        writing.lock();
        try {
            while (!backlog.isEmpty()) {
                ByteBuffer[] batch = backlog.stream().limit(BUFFERS_PER_WRITE).toArray(ByteBuffer[]::new);
                write(batch);
                for (ByteBuffer piece : batch) {
                    if (piece.hasRemaining()) {
                        return;
                    }
                    backlog.poll();
                }
            }
            key.interestOpsAnd(~SelectionKey.OP_WRITE);
        } finally {
            writing.unlock();
        }
    }

    private void run() {
        ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
        try (selector) {
            while (isOpen()) {
                selector.select();
                if (selector.selectedKeys().isEmpty() || !key.isValid()) {
                    continue;
                }
                selector.selectedKeys().clear();
                if (key.isWritable()) {
                    writeBacklog();
                }
                if (key.isReadable()) {
                    in = read(in);
                }
            }
        } catch (CancelledKeyException e) {
            fail(new IOException("the channel to " + name + " closed", e));
        } catch (IOException | RuntimeException e) {
            readingEnded(e);
        }
    }

    /**
     * Reads what arrived and hands each whole frame to the receiver; returns the buffer to read into next (a
     * larger one while a frame larger than the usual buffer arrives).
     */
    private ByteBuffer read(ByteBuffer in) throws IOException {
        if (channel.read(in) < 0) {
            throw new EOFException();
        }
        in.flip();
        while (in.remaining() >= 4) {
            int length = in.getInt(in.position());
            WireFrame.checkLength(length);
            if (in.remaining() < 4 + length) {
                if (in.capacity() < 4 + length) {
                    return ByteBuffer.allocate(4 + length).put(in);
                }
                break;
            }
            in.getInt();
            byte kind = in.get();
            long id = in.getLong();
            byte[] body = new byte[length - WireFrame.HEADER];
            in.get(body);
            deliver(kind, id, body);
        }
        if (!in.hasRemaining() && in.capacity() > READ_BUFFER) {
            return ByteBuffer.allocate(READ_BUFFER);
        }
        return in.compact();
    }

    @Override
    void release() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the channel to " + name + " failed", e);
        }
        selector.wakeup();
        writing.lock();
        try {
            backlog.clear();
        } finally {
            writing.unlock();
        }
    }
}
