package io.partitionmq.group;

/** A member with reset policy NONE was assigned a partition its group has never committed. */
public class NoOffsetForPartitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NoOffsetForPartitionException(String group, TopicPartition partition) {
        super("group '" + group + "' has no committed offset for " + partition + " and the reset policy is none");
    }
}
