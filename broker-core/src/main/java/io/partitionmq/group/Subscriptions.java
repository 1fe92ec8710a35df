package io.partitionmq.group;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ShareGroups;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's named subscriptions. Opening one that exists with the same topic, selector and options joins
 * it; opening one under an existing name with a different topic or selector replaces it (its unconsumed
 * records are dropped), as the JMS specification asks.
 */
public final class Subscriptions implements SubscriptionOperations {
    public static final String SUBSCRIPTIONS_MAP = "pmq.subscriptions";
    /** How many consumers each shared subscription (durable or not) has, cluster-wide. */
    public static final String CONSUMERS_MAP = "pmq.subscription-consumers";

    private final IMap<String, Subscription> registry;
    private final IMap<String, Integer> consumers;
    private final PartitionLogs logs;
    private final ShareGroups shares;

    public Subscriptions(HazelcastInstance hazelcast, PartitionLogs logs, ShareGroups shares) {
        this.registry = hazelcast.getMap(SUBSCRIPTIONS_MAP);
        this.consumers = hazelcast.getMap(CONSUMERS_MAP);
        this.logs = logs;
        this.shares = shares;
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(registry.get(id));
    }

    /** Joins the subscription, creating it (from the topic's end) or replacing a different one of that name. */
    public Subscription open(Subscription wanted) {
        Subscription current = registry.get(wanted.id());
        if (wanted.equals(current)) {
            return current;
        }
        if (current != null) {
            forget(current);
        }
        shares.createAtEnd(logs.topic(wanted.topic()), wanted.id());
        registry.executeOnKey(wanted.id(), SubscriptionWrite.set(wanted));
        return wanted;
    }

    /**
     * Opens a shared subscription for one more consumer (JMS 6.11.2, 6.11.4). Joining it with a different topic
     * or selector while it has consumers is refused; without consumers that replaces it (a durable one). A
     * non-durable one exists while it has consumers.
     *
     * @throws SubscriptionInUseException if it has consumers and {@code wanted} differs from it
     */
    public Subscription attach(Subscription wanted) {
        registry.lock(wanted.id());
        try {
            Subscription current = registry.get(wanted.id());
            Integer attached = consumers.get(wanted.id());
            if (current != null && !current.equals(wanted) && attached != null) {
                throw new SubscriptionInUseException(wanted.id(), attached);
            }
            Subscription opened = open(wanted);
            consumers.merge(wanted.id(), 1, Integer::sum);
            return opened;
        } finally {
            registry.unlock(wanted.id());
        }
    }

    /**
     * One consumer of a shared subscription left; the last one of a non-durable subscription deletes it and what
     * it held.
     */
    public void detach(String id) {
        registry.lock(id);
        try {
            if (consumers.computeIfPresent(id, (subscription, count) -> count > 1 ? count - 1 : null) == null) {
                Subscription current = registry.get(id);
                if (current != null && !current.durable()) {
                    delete(id);
                }
            }
        } finally {
            registry.unlock(id);
        }
    }

    /** Deletes a subscription and its state; false if there was none. */
    public boolean delete(String id) {
        Subscription current = registry.get(id);
        if (current == null) {
            return false;
        }
        forget(current);
        registry.executeOnKey(id, SubscriptionWrite.remove());
        consumers.remove(id);
        return true;
    }

    /**
     * Registers again the durable subscriptions a broker's store kept (after a restart), where the cluster has none
     * of that name; returns how many the store held. Their positions came back with their topics' partitions.
     */
    public int restore(Map<String, byte[]> stored) {
        stored.forEach((id, bytes) -> registry.executeOnKey(id, SubscriptionWrite.restore(Subscription.fromBytes(
                bytes))));
        return stored.size();
    }

    private void forget(Subscription subscription) {
        logs.findTopic(subscription.topic()).ifPresent(topic -> shares.delete(topic, subscription.id()));
    }
}
