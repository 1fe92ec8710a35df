package io.partitionmq.access;

/** An argument that names several topics with different needs (a transaction's sends and receives). */
public interface Guarded {
    /** Throws {@link AccessDeniedException} unless {@code access} allows everything this needs. */
    void requireAllowed(Access access);
}
