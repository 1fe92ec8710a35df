package io.partitionmq.admin;

import io.partitionmq.log.TopicDescription;
import io.partitionmq.server.TopicAdministration;
import java.util.List;
import java.util.Map;

/**
 * A topic as the API shows it: settings, partitions with their leader, offset ranges and sizes, the records
 * held.
 */
public record TopicView(String name, int partitions, long records, Map<String, String> config,
                        List<PartitionView> partitionOffsets) {
    /** One partition: its leader (broker id), whether it may lack a backup, offset range, segments and bytes. */
    public record PartitionView(int partition, String leader, boolean underReplicated, long startOffset,
                                long endOffset, int segments, long sizeInBytes) {
    }

    static TopicView of(TopicDescription topic, TopicAdministration.Placement placement) {
        return new TopicView(topic.name(), topic.partitions(), topic.records(), topic.config().asMap(),
                topic.partitionSummaries().stream().map(p -> new PartitionView(p.partition(),
                        p.partition() < placement.leaders().size() ? placement.leaders().get(p.partition()) : "",
                        placement.underReplicated(), p.startOffset(), p.endOffset(), p.segments(), p.sizeInBytes()))
                        .toList());
    }
}
