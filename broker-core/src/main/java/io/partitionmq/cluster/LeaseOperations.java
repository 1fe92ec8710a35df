package io.partitionmq.cluster;

import io.partitionmq.access.AnyUser;
import java.time.Duration;

/** Names held in the cluster while their owner lives ({@link Leases} documents each operation). */
public interface LeaseOperations {
    @AnyUser
    boolean acquire(String name, String owner, Duration ttl);

    @AnyUser
    boolean renew(String name, String owner, Duration ttl);

    @AnyUser
    boolean isHeld(String name);

    @AnyUser
    void release(String name, String owner);
}
