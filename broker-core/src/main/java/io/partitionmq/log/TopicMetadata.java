package io.partitionmq.log;

import java.io.Serializable;

/** What the cluster knows of a topic: its name, partition count and creation time. */
public record TopicMetadata(String name, int partitions, long createdAt) implements Serializable {
    public TopicMetadata {
        TopicNames.requireValid(name);
        if (partitions <= 0) {
            throw new InvalidTopicException("a topic needs at least one partition, got " + partitions);
        }
    }

    /** Throws if the partition does not exist in this topic. */
    public void requirePartition(int partition) {
        if (partition < 0 || partition >= partitions) {
            throw new InvalidTopicException("topic '" + name + "' has partitions 0.." + (partitions - 1)
                    + ", not " + partition);
        }
    }
}
