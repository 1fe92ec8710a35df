package io.partitionmq.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A broker's end of a link: senders never wait for a client, and frames arrive whole and in order. */
class ChannelLinkTest {
    private record Frame(byte kind, long id, byte[] body) {
    }

    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<IOException> closed = new CompletableFuture<>();
    private ServerSocketChannel server;
    private Socket client;
    private ChannelLink link;

    @BeforeEach
    void connect() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = new Socket(InetAddress.getLoopbackAddress(), server.socket().getLocalPort());
        SocketChannel accepted = server.accept();
        link = new ChannelLink(accepted, "test client", new WireLink.Receiver() {
            @Override
            public void received(byte kind, long id, DataInputStream body) throws IOException {
                received.add(new Frame(kind, id, body.readAllBytes()));
            }

            @Override
            public void closed(IOException cause) {
                closed.complete(cause);
            }
        });
        link.start();
    }

    @AfterEach
    void close() throws IOException {
        link.close();
        client.close();
        server.close();
    }

    private static WireLink.Body bytes(byte[] body) {
        return out -> out.write(body);
    }

    @Test
    void aClientThatDoesNotReadHoldsUpNoSenderAndLaterGetsEveryFrameInOrder() throws Exception {
        byte[] body = new byte[100_000];
        int frames = 400; // 40 MB: far more than the socket buffers hold
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < frames; i++) {
                body[0] = (byte) i;
                link.send(WireLink.EVENT, i, bytes(body.clone()));
            }
        });
        sent.get(30, TimeUnit.SECONDS); // the client has not read a byte yet

        DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
        for (int i = 0; i < frames; i++) {
            int length = in.readInt();
            assertEquals(WireFrame.HEADER + body.length, length);
            assertEquals(WireLink.EVENT, in.readByte());
            assertEquals(i, in.readLong());
            byte[] got = new byte[body.length];
            in.readFully(got);
            assertEquals((byte) i, got[0]);
        }
    }

    @Test
    void framesLargerThanTheReadBufferAndSmallOnesBetweenThemArriveWhole() throws Exception {
        byte[] large = new byte[1_000_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        DataOutputStream out = new DataOutputStream(client.getOutputStream());
        writeFrame(out, 1, new byte[] {7});
        writeFrame(out, 2, large);
        writeFrame(out, 3, new byte[] {8, 9});
        out.flush();

        assertArrayEquals(new byte[] {7}, next().body());
        Frame second = next();
        assertEquals(2, second.id());
        assertArrayEquals(large, second.body());
        assertArrayEquals(new byte[] {8, 9}, next().body());
    }

    @Test
    void aFrameOfImpossibleLengthClosesTheLinkAndLaterSendsSayItIsClosed() throws Exception {
        DataOutputStream out = new DataOutputStream(client.getOutputStream());
        out.writeInt(3);
        out.flush();

        IOException cause = closed.get(10, TimeUnit.SECONDS);
        assertTrue(cause.getMessage().contains("out of range"), cause.getMessage());
        assertThrows(WireLink.LinkClosedException.class, () -> link.send(WireLink.EVENT, 1, bytes(new byte[1])));
        assertNull(received.poll());
    }

    private Frame next() throws InterruptedException {
        Frame frame = received.poll(10, TimeUnit.SECONDS);
        assertTrue(frame != null, "no frame arrived");
        return frame;
    }

    private static void writeFrame(DataOutputStream out, long id, byte[] body) throws IOException {
        out.writeInt(WireFrame.HEADER + body.length);
        out.writeByte(WireLink.CALL);
        out.writeLong(id);
        out.write(body);
    }
}
