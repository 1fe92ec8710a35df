package io.partitionmq.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.partitionmq.group.GroupOffsets;
import io.partitionmq.log.PartitionLogs;

/**
 * A handle on a broker cluster's operations, whether it is reached in-VM (inside a broker) or as a client.
 * Closing it releases what the handle owns and never stops a broker.
 */
public final class BrokerConnection implements AutoCloseable {
    private final PartitionLogs logs;
    private final GroupOffsets offsets;
    private final Runnable onClose;

    BrokerConnection(HazelcastInstance hazelcast, Runnable onClose) {
        this.logs = new PartitionLogs(hazelcast);
        this.offsets = new GroupOffsets(hazelcast);
        this.onClose = onClose;
    }

    public PartitionLogs logs() {
        return logs;
    }

    public GroupOffsets offsets() {
        return offsets;
    }

    @Override
    public void close() {
        logs.close();
        onClose.run();
    }
}
