package io.partitionmq.admin;

import io.partitionmq.log.TopicDescription;
import java.util.List;

/** A topic as the API shows it: partitions with their offset ranges, and the records held in all. */
public record TopicView(String name, int partitions, long records, List<PartitionView> partitionOffsets) {
    /** One partition's offset range. */
    public record PartitionView(int partition, long startOffset, long endOffset) {
    }

    static TopicView of(TopicDescription topic) {
        return new TopicView(topic.name(), topic.partitions(), topic.records(), topic.offsets().stream()
                .map(o -> new PartitionView(o.partition(), o.startOffset(), o.endOffset())).toList());
    }
}
