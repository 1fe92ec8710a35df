package io.partitionmq.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.partitionmq.access.Access;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.log.UnknownTopicException;

/**
 * Topics that live only as long as their owner: a JMS connection's temporary queues and topics. Each is
 * registered with the lease its owner holds ({@link Leases}); when the owner closes it deletes them, and when
 * its process dies the lease expires and the brokers delete them ({@link #deleteOrphans}).
 */
public final class TemporaryTopics implements TemporaryTopicOperations {
    public static final String TEMPORARY_TOPICS_MAP = "pmq.temporary-topics";
    /** How every temporary topic's name starts. */
    public static final String PREFIX = Access.TEMPORARY_TOPIC_PREFIX;

    private final IMap<String, String> owners;
    private final PartitionLogs logs;
    private final Leases leases;

    TemporaryTopics(HazelcastInstance hazelcast, PartitionLogs logs, Leases leases) {
        this.owners = hazelcast.getMap(TEMPORARY_TOPICS_MAP);
        this.logs = logs;
        this.leases = leases;
    }

    /** Creates a one-partition topic that lives while the lease {@code ownerLease} is held. */
    @Override
    public TopicMetadata create(String name, String ownerLease) {
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a temporary topic's name starts with '" + PREFIX + "', not '"
                    + name + "'");
        }
        if (owners.putIfAbsent(name, ownerLease) != null) {
            throw new IllegalStateException("the temporary topic " + name + " exists already");
        }
        try {
            return logs.createTopic(name, 1);
        } catch (RuntimeException e) {
            owners.delete(name);
            throw e;
        }
    }

    @Override
    public void delete(String name, String ownerLease) {
        if (ownerLease.equals(owners.get(name))) {
            delete(name);
        }
    }

    private void delete(String name) {
        try {
            logs.deleteTopic(name);
        } catch (UnknownTopicException e) {
            // Gone already: deleting is what was asked.
        }
        owners.delete(name);
    }

    /**
     * Deletes the temporary topics, among those registered on this member, whose owner's lease has expired.
     * Only callable on a broker member; returns how many went.
     */
    public int deleteOrphans() {
        int deleted = 0;
        for (String name : owners.localKeySet()) {
            String lease = owners.get(name);
            if (lease != null && !leases.isHeld(lease)) {
                delete(name);
                deleted++;
            }
        }
        return deleted;
    }
}
