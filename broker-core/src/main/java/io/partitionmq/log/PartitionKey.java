package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.partition.PartitionAware;
import java.io.IOException;
import java.util.Objects;

/**
 * The map key of one log partition. Everything that belongs to a log partition (its log, the group offsets
 * for it) routes by {@link #routingKey(String, int)}, so it all lives on one Hazelcast partition and its owner
 * is the log partition's leader.
 */
public final class PartitionKey implements IdentifiedDataSerializable, PartitionAware<String> {
    private String topic;
    private int partition;

    PartitionKey() {
    }

    public PartitionKey(String topic, int partition) {
        this.topic = topic;
        this.partition = partition;
    }

    /** The Hazelcast routing key of a log partition; '/' cannot occur in a topic name. */
    public static String routingKey(String topic, int partition) {
        return topic + '/' + partition;
    }

    /** The keys of every partition of a topic. */
    public static java.util.Set<PartitionKey> allOf(TopicMetadata topic) {
        java.util.Set<PartitionKey> keys = new java.util.HashSet<>();
        for (int p = 0; p < topic.partitions(); p++) {
            keys.add(new PartitionKey(topic.name(), p));
        }
        return keys;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    @Override
    public String getPartitionKey() {
        return routingKey(topic, partition);
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.PARTITION_KEY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(topic);
        out.writeInt(partition);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        topic = in.readString();
        partition = in.readInt();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionKey k && k.partition == partition && k.topic.equals(topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition);
    }

    @Override
    public String toString() {
        return getPartitionKey();
    }
}
