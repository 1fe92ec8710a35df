package io.partitionmq.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The brokers of the cluster, each asked for its own status. */
public final class Brokers {
    private static final String EXECUTOR = "pmq.admin";

    private final HazelcastInstance hazelcast;

    Brokers(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** Every member's status, by broker id. */
    public List<BrokerStatus> describe() {
        List<BrokerStatus> statuses = new ArrayList<>();
        for (Future<BrokerStatus> status : hazelcast.getExecutorService(EXECUTOR)
                .submitToAllMembers(new BrokerStatusTask()).values()) {
            try {
                statuses.add(status.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking the brokers for their status", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a broker could not report its status: " + e.getCause(), e);
            }
        }
        statuses.sort(Comparator.comparing(BrokerStatus::id));
        return statuses;
    }
}
