package io.partitionmq.group;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * A named subscription to a topic (a JMS durable or shared subscription): a share group over all the topic's
 * partitions that started at the topic's end when the subscription was created.
 *
 * @param id       the share group's name, unique in the cluster
 * @param topic    the topic subscribed to
 * @param selector the message selector, or null
 * @param noLocal  whether messages published by the subscribing connection are left out
 * @param shared   whether several consumers may share it
 * @param durable  whether it outlives its consumers
 */
public record Subscription(String id, String topic, String selector, boolean noLocal, boolean shared,
                           boolean durable) implements Serializable {
    /** The subscription as bytes a store keeps ({@link #fromBytes} reads them). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(id);
            out.writeUTF(topic);
            out.writeBoolean(selector != null);
            out.writeUTF(selector == null ? "" : selector);
            out.writeBoolean(noLocal);
            out.writeBoolean(shared);
            out.writeBoolean(durable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Subscription fromBytes(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            String id = in.readUTF();
            String topic = in.readUTF();
            boolean hasSelector = in.readBoolean();
            String selector = in.readUTF();
            return new Subscription(id, topic, hasSelector ? selector : null, in.readBoolean(), in.readBoolean(),
                    in.readBoolean());
        } catch (IOException e) {
            throw new UncheckedIOException("a stored subscription is damaged", e);
        }
    }
}
