package io.partitionmq.access;

/** A user tried what none of their roles' grants allow. */
public final class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
