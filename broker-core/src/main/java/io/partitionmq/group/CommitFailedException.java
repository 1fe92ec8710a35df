package io.partitionmq.group;

/**
 * A commit from a member that is no longer in the group's current generation (it missed a rebalance, e.g. a
 * zombie that stopped heartbeating), or for a partition it does not own: the offsets were not committed.
 */
public class CommitFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CommitFailedException(String message) {
        super(message);
    }
}
