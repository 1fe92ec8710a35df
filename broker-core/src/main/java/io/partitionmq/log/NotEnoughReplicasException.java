package io.partitionmq.log;

import com.hazelcast.spi.exception.RetryableHazelcastException;

/**
 * A write refused because its partition has fewer backups than {@code partitionmq.cluster.min-size} asks for
 * ({@link MinimumClusterSize}). Nothing was changed; Hazelcast sends the write again, with growing pauses, until
 * the partition has its backups or its invocation gives up, and only then does the caller see this.
 */
public final class NotEnoughReplicasException extends RetryableHazelcastException {
    private static final long serialVersionUID = 1L;

    public NotEnoughReplicasException(String message) {
        super(message);
    }
}
