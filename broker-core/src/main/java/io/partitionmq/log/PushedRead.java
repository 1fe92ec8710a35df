package io.partitionmq.log;

/**
 * Records a partition's leader pushed to a reader that waited at the partition's end
 * ({@link LogOperations#fetchOrWait}); {@code fetched} starts at the offset the reader waited at.
 */
public record PushedRead(String topic, int partition, String reader, FetchResult fetched) {
}
