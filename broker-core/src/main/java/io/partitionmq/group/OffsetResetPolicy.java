package io.partitionmq.group;

/** Where a group member starts in a partition the group has never committed (Kafka's auto.offset.reset). */
public enum OffsetResetPolicy {
    /** At the log start: everything still held. */
    EARLIEST,
    /** At the log end: only what is appended from now on. */
    LATEST,
    /** Nowhere: the member is told, with {@link NoOffsetForPartitionException}. */
    NONE
}
