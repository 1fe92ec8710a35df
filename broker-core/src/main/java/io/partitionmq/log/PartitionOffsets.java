package io.partitionmq.log;

/** The offset range of one partition: the first offset still held and the offset the next record gets. */
public record PartitionOffsets(int partition, long startOffset, long endOffset) {
}
