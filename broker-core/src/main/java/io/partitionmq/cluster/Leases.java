package io.partitionmq.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Cluster-wide exclusive names held by a live owner: a JMS client id, the consumer of an unshared durable
 * subscription. A lease expires unless its owner renews it, so the name comes free again when the owning process
 * dies without releasing it.
 */
public final class Leases implements LeaseOperations {
    public static final String LEASES_MAP = "pmq.leases";

    private final IMap<String, String> leases;

    public Leases(HazelcastInstance hazelcast) {
        this.leases = hazelcast.getMap(LEASES_MAP);
    }

    /** Takes the name for {@code owner} unless another owner holds it; true if the owner holds it now. */
    public boolean acquire(String name, String owner, Duration ttl) {
        String holder = leases.putIfAbsent(name, owner, ttl.toMillis(), TimeUnit.MILLISECONDS);
        return holder == null || holder.equals(owner);
    }

    /** Extends the owner's lease; false if it had expired and someone else took the name meanwhile. */
    public boolean renew(String name, String owner, Duration ttl) {
        if (leases.replace(name, owner, owner)) {
            leases.setTtl(name, ttl.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        return acquire(name, owner, ttl);
    }

    /** Whether some live owner holds the name. */
    public boolean isHeld(String name) {
        return leases.containsKey(name);
    }

    /** Gives the name back, if the owner still holds it. */
    public void release(String name, String owner) {
        leases.remove(name, owner);
    }
}
