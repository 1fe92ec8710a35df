package io.partitionmq.log;

/**
 * A share-group consumer waiting on a partition's leader for records: what it would acquire (as
 * {@link SharePartition#acquire} takes it: up to {@code max} records, all told), where to push what it is
 * handed, and until when it waits.
 *
 * @param pushTo the name of the topic its connection listens on for pushed records
 * @param until  epoch milliseconds on the leader's clock
 */
record ShareWaiter(String consumer, String pushTo, int max, long lockMillis, int maxDeliveries, boolean ordered,
        RecordFilter filter, long until) {
    /** The same wait, for {@code fewer} records: what is left after some were handed over. */
    ShareWaiter taking(int fewer) {
        return new ShareWaiter(consumer, pushTo, fewer, lockMillis, maxDeliveries, ordered, filter, until);
    }
}
