package io.partitionmq.group;

import java.util.List;
import java.util.Map;

/**
 * A consumer group at a glance: its generation and strategy, which member owns which partitions, the committed
 * offset and the lag (end offset minus committed, or minus the log start without a commit) of each partition.
 */
public record GroupDescription(String group, int generation, AssignmentStrategy strategy,
                               Map<String, List<TopicPartition>> members, Map<TopicPartition, Long> committed,
                               Map<TopicPartition, Long> lag) {
    public long totalLag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }
}
