package io.partitionmq.group;

/** An operation that needs a group without active members (reset, delete) met one with members. */
public class GroupNotEmptyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public GroupNotEmptyException(String message) {
        super(message);
    }
}
