package io.partitionmq.group;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.partition.PartitionAware;
import io.partitionmq.log.PartitionKey;
import java.io.IOException;
import java.util.Objects;

/** The key of a group's committed offset for one partition; it lives beside that partition's log. */
final class OffsetKey implements IdentifiedDataSerializable, PartitionAware<String> {
    private String group;
    private String topic;
    private int partition;

    OffsetKey() {
    }

    OffsetKey(String group, String topic, int partition) {
        this.group = group;
        this.topic = topic;
        this.partition = partition;
    }

    @Override
    public String getPartitionKey() {
        return PartitionKey.routingKey(topic, partition);
    }

    @Override
    public int getFactoryId() {
        return GroupTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return GroupTypes.OFFSET_KEY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(group);
        out.writeString(topic);
        out.writeInt(partition);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        group = in.readString();
        topic = in.readString();
        partition = in.readInt();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OffsetKey k && k.partition == partition && k.topic.equals(topic) && k.group.equals(group);
    }

    @Override
    public int hashCode() {
        return Objects.hash(group, topic, partition);
    }
}
