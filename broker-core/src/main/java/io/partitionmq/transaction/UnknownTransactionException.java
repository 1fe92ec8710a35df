package io.partitionmq.transaction;

/** No prepared or committing transaction has this id (it never existed, or has finished). */
public final class UnknownTransactionException extends RuntimeException {
    public UnknownTransactionException(String id) {
        super("no transaction " + id + " is prepared");
    }
}
