package io.partitionmq.log;

/**
 * Cluster-side defaults the log applies when a client leaves a choice open: the partition count and settings of
 * a topic created on first use or without settings. Each member keeps its own in the Hazelcast user context;
 * the member owning the topic's entry decides.
 */
public record LogDefaults(int partitions, TopicConfig config) {
    public static final String CONTEXT_KEY = "partitionmq.log.defaults";

    public LogDefaults {
        if (partitions <= 0) {
            throw new IllegalArgumentException("the default partition count must be positive, got " + partitions);
        }
    }
}
