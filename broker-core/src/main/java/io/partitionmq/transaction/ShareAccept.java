package io.partitionmq.transaction;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

/** Records a consumer of a share group (a queue, a subscription) acquired and processed in a transaction. */
public record ShareAccept(String topic, int partition, String group, String consumer, long[] offsets) {
    public ShareAccept {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(consumer, "consumer");
        offsets = offsets.clone();
    }

    void write(DataOutput out) throws IOException {
        out.writeUTF(topic);
        out.writeInt(partition);
        out.writeUTF(group);
        out.writeUTF(consumer);
        out.writeInt(offsets.length);
        for (long offset : offsets) {
            out.writeLong(offset);
        }
    }

    static ShareAccept read(DataInput in) throws IOException {
        String topic = in.readUTF();
        int partition = in.readInt();
        String group = in.readUTF();
        String consumer = in.readUTF();
        long[] offsets = new long[in.readInt()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = in.readLong();
        }
        return new ShareAccept(topic, partition, group, consumer, offsets);
    }
}
