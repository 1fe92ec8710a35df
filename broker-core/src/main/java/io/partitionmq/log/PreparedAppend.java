package io.partitionmq.log;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

/**
 * A batch encoded and checked for one partition, with the producer identity and sequence number it will be
 * appended under. Appending it again — by its producer or by anyone else finishing its work — lands it once
 * (see {@link ProducerSequences}): what a transaction records before it applies its sends. It carries no topic
 * settings: the broker that appends it takes them from the topic.
 */
public record PreparedAppend(String topic, int partition, long producer, long sequence,
        byte[] payload, int count) {
    public PreparedAppend {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }

    public void write(DataOutput out) throws IOException {
        out.writeUTF(topic);
        out.writeInt(partition);
        out.writeLong(producer);
        out.writeLong(sequence);
        out.writeInt(count);
        out.writeInt(payload.length);
        out.write(payload);
    }

    public static PreparedAppend read(DataInput in) throws IOException {
        String topic = in.readUTF();
        int partition = in.readInt();
        long producer = in.readLong();
        long sequence = in.readLong();
        int count = in.readInt();
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return new PreparedAppend(topic, partition, producer, sequence, payload, count);
    }
}
