package io.partitionmq.log;

import java.util.List;

/** A topic with its settings and a summary of each of its partitions. */
public record TopicDescription(String name, int partitions, TopicConfig config, List<PartitionSummary> partitionSummaries) {
    public TopicDescription {
        partitionSummaries = List.copyOf(partitionSummaries);
    }

    /** The number of records held, over all partitions. */
    public long records() {
        return partitionSummaries.stream().mapToLong(o -> o.endOffset() - o.startOffset()).sum();
    }
}
