package io.partitionmq.transaction;

/**
 * A transaction was committed (its decision is recorded) but part of its work could not be applied yet; the
 * brokers keep applying it until it has landed. Nothing of it is lost; it is not rolled back.
 */
public final class TransactionIncompleteException extends RuntimeException {
    public TransactionIncompleteException(String id, Throwable cause) {
        super("transaction " + id + " is committed but not all of it applied yet (" + cause.getMessage()
                + "); the brokers finish it", cause);
    }
}
