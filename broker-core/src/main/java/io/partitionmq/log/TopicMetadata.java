package io.partitionmq.log;

import java.io.Serializable;

/** What the cluster knows of a topic: its name, partition count, settings and creation time. */
public record TopicMetadata(String name, int partitions, TopicConfig config, long createdAt)
        implements Serializable {
    public TopicMetadata {
        TopicNames.requireValid(name);
        if (partitions <= 0) {
            throw new InvalidTopicException("a topic needs at least one partition, got " + partitions);
        }
        if (config == null) {
            throw new InvalidTopicException("a topic needs its settings");
        }
    }

    /** Throws if the partition does not exist in this topic. */
    public void requirePartition(int partition) {
        if (partition < 0 || partition >= partitions) {
            throw new InvalidTopicException("topic '" + name + "' has partitions 0.." + (partitions - 1)
                    + ", not " + partition);
        }
    }

    public TopicMetadata withPartitions(int count) {
        return new TopicMetadata(name, count, config, createdAt);
    }

    public TopicMetadata withConfig(TopicConfig changed) {
        return new TopicMetadata(name, partitions, changed, createdAt);
    }
}
