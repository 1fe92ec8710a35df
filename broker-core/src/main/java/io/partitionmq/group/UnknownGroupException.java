package io.partitionmq.group;

/** An operation named a consumer group that does not exist. */
public class UnknownGroupException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownGroupException(String group) {
        super("there is no consumer group '" + group + "'");
    }
}
