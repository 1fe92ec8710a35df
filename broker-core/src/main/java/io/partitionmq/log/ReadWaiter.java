package io.partitionmq.log;

/**
 * A reader at a partition's end waiting on the leader for what is appended next: where the read would start,
 * how much it looks at, what it selects, where to push it, and until when it waits. One wait per reader and
 * partition; the push ends it.
 *
 * @param waitedFrom where the reader's fetch ended: a push names it, so the reader knows it follows on
 * @param fromOffset where the next read starts: past {@code waitedFrom} once appends its filter skipped whole
 * @param pushTo     the name of the topic the reader's connection listens on for pushed reads
 * @param until      epoch milliseconds on the leader's clock
 */
record ReadWaiter(String reader, String pushTo, long waitedFrom, long fromOffset, int maxRecords, RecordFilter filter,
        long until) {
    /** The same wait, reading on from {@code offset}: the records before it were looked at and not selected. */
    ReadWaiter from(long offset) {
        return new ReadWaiter(reader, pushTo, waitedFrom, offset, maxRecords, filter, until);
    }
}
