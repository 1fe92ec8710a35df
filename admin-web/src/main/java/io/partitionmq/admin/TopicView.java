package io.partitionmq.admin;

import io.partitionmq.cluster.PartitionPlacement;
import io.partitionmq.log.TopicDescription;
import java.util.List;
import java.util.Map;

/**
 * A topic as the API shows it: settings, partitions with their leader and backups, offset ranges and sizes, the
 * records held.
 */
public record TopicView(String name, int partitions, long records, Map<String, String> config,
                        List<PartitionView> partitionOffsets) {
    /**
     * One partition: its leader and backups (broker ids), whether it has fewer backups than configured, offset
     * range, segments, bytes, and the bytes its leader keeps in memory.
     */
    public record PartitionView(int partition, String leader, List<String> backups, boolean underReplicated,
                                long startOffset, long endOffset, int segments, long sizeInBytes, long heldBytes) {
    }

    static TopicView of(TopicDescription topic, List<PartitionPlacement> placements) {
        return new TopicView(topic.name(), topic.partitions(), topic.records(), topic.config().asMap(),
                topic.partitionSummaries().stream().map(p -> {
                    PartitionPlacement placement = p.partition() < placements.size() ? placements.get(p.partition())
                            : new PartitionPlacement(p.partition(), "", List.of(), true);
                    return new PartitionView(p.partition(), placement.leader(), placement.backups(),
                            placement.underReplicated(), p.startOffset(), p.endOffset(), p.segments(),
                            p.sizeInBytes(), p.heldBytes());
                }).toList());
    }
}
