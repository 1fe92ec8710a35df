package io.partitionmq.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ShareGroups;

/**
 * A handle on a broker cluster's operations, whether it is reached in-VM (inside a broker) or as a client.
 * Closing it releases what the handle owns and never stops a broker.
 */
public final class BrokerConnection implements AutoCloseable {
    private final PartitionLogs logs;
    private final ShareGroups shares;
    private final Runnable onClose;

    BrokerConnection(HazelcastInstance hazelcast, Runnable onClose) {
        this.logs = new PartitionLogs(hazelcast);
        this.shares = new ShareGroups(hazelcast, logs);
        this.onClose = onClose;
    }

    public PartitionLogs logs() {
        return logs;
    }

    public ShareGroups shares() {
        return shares;
    }

    @Override
    public void close() {
        logs.close();
        onClose.run();
    }
}
