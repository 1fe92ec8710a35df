package io.partitionmq.log;

/**
 * A reader at a partition's end waiting on the leader for what is appended next: where the read would start,
 * how much it takes, where to push it, and until when it waits. One wait per reader and partition; the push
 * ends it.
 *
 * @param pushTo the name of the topic the reader's connection listens on for pushed reads
 * @param until  epoch milliseconds on the leader's clock
 */
record ReadWaiter(String reader, String pushTo, long fromOffset, int maxRecords, long until) {
}
