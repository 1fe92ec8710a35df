package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.List;

/**
 * Records a partition's leader acquired for a waiting share-group consumer as they arrived, pushed to the
 * consumer's connection instead of waiting for it to ask. It is sent once a backup holds the records and the
 * acquisition (or by the leader when the partition has no backup), so a consumer never sees what a failover
 * could take back.
 */
public final class SharePush implements IdentifiedDataSerializable {
    private String pushTo;
    private String topic;
    private int partition;
    private String group;
    private String consumer;
    private ShareReply reply;
    private boolean waitEnded;

    SharePush() {
    }

    SharePush(PartitionKey key, String group, ShareWaiter waiter, ShareReply reply, boolean waitEnded) {
        this.waitEnded = waitEnded;
        this.pushTo = waiter.pushTo();
        this.topic = key.topic();
        this.partition = key.partition();
        this.group = group;
        this.consumer = waiter.consumer();
        this.reply = reply;
    }

    /** Sends the push to the consumer's connection, without waiting: the member's event threads deliver it. */
    void publish(HazelcastInstance member) {
        member.getTopic(pushTo).publish(this);
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public String group() {
        return group;
    }

    public String consumer() {
        return consumer;
    }

    /**
     * Whether the consumer no longer waits on the partition: it was handed all it asked for. Otherwise more
     * pushes follow as records arrive, until its wait runs out.
     */
    public boolean waitEnded() {
        return waitEnded;
    }

    public List<ShareRecord> acquired() {
        return reply.acquired();
    }

    /** Records the acquisition archived instead (delivered too often): they belong on the dead-letter topic. */
    public List<ShareRecord> deadLettered() {
        return reply.deadLettered();
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.SHARE_PUSH;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(pushTo);
        out.writeString(topic);
        out.writeInt(partition);
        out.writeString(group);
        out.writeString(consumer);
        out.writeBoolean(waitEnded);
        reply.writeData(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        pushTo = in.readString();
        topic = in.readString();
        partition = in.readInt();
        group = in.readString();
        consumer = in.readString();
        waitEnded = in.readBoolean();
        reply = new ShareReply();
        reply.readData(in);
    }
}
