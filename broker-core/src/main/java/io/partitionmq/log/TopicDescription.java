package io.partitionmq.log;

import java.util.List;

/** A topic with the offset range of each of its partitions. */
public record TopicDescription(String name, int partitions, List<PartitionOffsets> offsets) {
    public TopicDescription {
        offsets = List.copyOf(offsets);
    }

    /** The number of records ever appended and still held, over all partitions. */
    public long records() {
        return offsets.stream().mapToLong(o -> o.endOffset() - o.startOffset()).sum();
    }
}
