package io.partitionmq.log;

/**
 * What {@link LogOperations#fetchOrWait} read; {@code waiting} when it read nothing and the reader now waits on
 * the partition's leader to be pushed what is appended next.
 */
public record WaitingFetch(FetchResult fetched, boolean waiting) {
}
