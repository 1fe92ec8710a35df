package io.partitionmq.log;

/**
 * Records a partition's leader pushed to a reader that waited at the partition's end
 * ({@link LogOperations#fetchOrWait}): what its filter selected of the records from {@code waitedFrom}, the offset
 * its fetch had ended at, to {@code fetched.nextOffset()}.
 */
public record PushedRead(String topic, int partition, String reader, long waitedFrom, FetchResult fetched) {
}
