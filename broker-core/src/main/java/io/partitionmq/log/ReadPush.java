package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/**
 * What a partition's leader read for a waiting reader as records arrived ({@link ReadWaiter}), pushed to the
 * reader's connection instead of waiting for it to fetch. Like a {@link SharePush} it is sent once a backup holds
 * the records (or by the leader when the partition has no backup).
 */
final class ReadPush implements IdentifiedDataSerializable {
    private String pushTo;
    private String topic;
    private int partition;
    private String reader;
    private long waitedFrom;
    private long fromOffset;
    private int maxRecords;
    private PartitionSlice slice;

    ReadPush() {
    }

    ReadPush(PartitionKey key, ReadWaiter waiter, PartitionSlice slice) {
        this.pushTo = waiter.pushTo();
        this.topic = key.topic();
        this.partition = key.partition();
        this.reader = waiter.reader();
        this.waitedFrom = waiter.waitedFrom();
        this.fromOffset = waiter.fromOffset();
        this.maxRecords = waiter.maxRecords();
        this.slice = slice;
    }

    /** Sends the push to the reader's connection, without waiting: the member's event threads deliver it. */
    void publish(HazelcastInstance member) {
        member.getTopic(pushTo).publish(this);
    }

    String reader() {
        return reader;
    }

    void countDelivered(TrafficMeter meter) {
        ReadProcessor.countDelivered(meter, topic, slice, fromOffset, maxRecords);
    }

    PushedRead toPushedRead() {
        return new PushedRead(topic, partition, reader, waitedFrom, slice.fetchResult(fromOffset, maxRecords));
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.READ_PUSH;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(pushTo);
        out.writeString(topic);
        out.writeInt(partition);
        out.writeString(reader);
        out.writeLong(waitedFrom);
        out.writeLong(fromOffset);
        out.writeInt(maxRecords);
        slice.writeData(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        pushTo = in.readString();
        topic = in.readString();
        partition = in.readInt();
        reader = in.readString();
        waitedFrom = in.readLong();
        fromOffset = in.readLong();
        maxRecords = in.readInt();
        slice = new PartitionSlice();
        slice.readData(in);
    }
}
