package io.partitionmq.log;

/**
 * One partition at a glance: the first offset it still holds, the offset the next record gets, and how many
 * segments and bytes of record batches hold the records in between.
 */
public record PartitionSummary(int partition, long startOffset, long endOffset, int segments, long sizeInBytes) {
}
