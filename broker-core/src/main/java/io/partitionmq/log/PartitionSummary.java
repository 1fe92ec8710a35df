package io.partitionmq.log;

/**
 * One partition at a glance: the first offset it still holds, the offset the next record gets, how many
 * segments and bytes of record batches hold the records in between, and how many of those bytes its leader
 * keeps in memory (the rest it reads back from disk).
 */
public record PartitionSummary(int partition, long startOffset, long endOffset, int segments, long sizeInBytes,
                               long heldBytes) {
}
