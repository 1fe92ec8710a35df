package io.partitionmq.cluster;

import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.partitionmq.log.PartitionLogs;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Replicas that migrate to this broker arrive in memory only; this has them written to its disk (and their old
 * batches let go) a moment after they arrive, instead of at the next retention pass. Arrivals are gathered for
 * {@link #DELAY_MILLIS} so that a rebalance moving many partitions costs one pass.
 */
final class ReplicaArrivals implements MigrationListener {
    private static final System.Logger LOG = System.getLogger(ReplicaArrivals.class.getName());
    static final long DELAY_MILLIS = 500;

    private final Broker broker;
    private final ScheduledExecutorService executor;
    private final Set<Integer> arrived = new HashSet<>();

    ReplicaArrivals(Broker broker, ScheduledExecutorService executor) {
        this.broker = broker;
        this.executor = executor;
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
        if (event.getDestination() == null || !event.getDestination().localMember()) {
            return;
        }
        synchronized (arrived) {
            if (arrived.isEmpty()) {
                executor.schedule(this::settle, DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
            arrived.add(event.getPartitionId());
        }
    }

    private void settle() {
        Set<Integer> partitions;
        synchronized (arrived) {
            partitions = Set.copyOf(arrived);
            arrived.clear();
        }
        if (!broker.isRunning()) {
            return;
        }
        try (DirectConnection connection = broker.connect()) {
            connection.logs().settleReplicasIn(partitions);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "writing replicas that moved here to disk failed; the next retention pass does"
                    + " it", e);
        }
    }

    @Override
    public void migrationStarted(MigrationState state) {
    }

    @Override
    public void migrationFinished(MigrationState state) {
    }

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {
    }
}
