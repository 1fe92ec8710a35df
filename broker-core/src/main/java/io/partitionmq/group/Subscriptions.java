package io.partitionmq.group;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.QueryConstants;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ShareGroups;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's named subscriptions. Opening one that exists with the same topic, selector and options joins
 * it; opening one under an existing name with a different topic or selector replaces it (its unconsumed
 * records are dropped), as the JMS specification asks.
 */
public final class Subscriptions implements SubscriptionOperations {
    public static final String SUBSCRIPTIONS_MAP = "pmq.subscriptions";
    /**
     * The consumers of shared subscriptions (durable or not), cluster-wide: one entry per consumer, keyed by
     * subscription and consumer, holding the subscription's id. An entry lives {@link #CONSUMER_TTL} unless its
     * consumer renews it, so the consumers of a process that died stop counting.
     */
    public static final String CONSUMERS_MAP = "pmq.subscription-consumers";
    /** How long a consumer counts without renewing; clients renew every third of it. */
    public static final Duration CONSUMER_TTL = Duration.ofSeconds(30);

    private final IMap<String, Subscription> registry;
    private final IMap<String, String> consumers;
    private final Duration consumerTtl;
    private final PartitionLogs logs;
    private final ShareGroups shares;

    public Subscriptions(HazelcastInstance hazelcast, PartitionLogs logs, ShareGroups shares) {
        this(hazelcast, logs, shares, CONSUMER_TTL);
    }

    /** @param consumerTtl how long a consumer counts without renewing (tests shorten it) */
    public Subscriptions(HazelcastInstance hazelcast, PartitionLogs logs, ShareGroups shares, Duration consumerTtl) {
        this.consumerTtl = consumerTtl;
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
     * Opens a shared subscription for one more consumer (JMS 6.11.2, 6.11.4), who renews its place
     * ({@link #renew}) until it {@link #detach detaches}. Joining it with a different topic or selector while it
     * has consumers is refused; without consumers that replaces it (a durable one). A non-durable one exists
     * while it has consumers: one whose consumers all went away without detaching starts afresh.
     *
     * @throws SubscriptionInUseException if it has consumers and {@code wanted} differs from it
     */
    public Subscription attach(Subscription wanted, String consumer) {
        registry.lock(wanted.id());
        try {
            Subscription current = registry.get(wanted.id());
            int attached = consumersOf(wanted.id());
            if (current != null && !current.equals(wanted) && attached > 0) {
                throw SubscriptionInUseException.changing(wanted.id(), attached);
            }
            if (current != null && !current.durable() && attached == 0) {
                delete(wanted.id());
            }
            Subscription opened = open(wanted);
            renew(wanted.id(), consumer);
            return opened;
        } finally {
            registry.unlock(wanted.id());
        }
    }

    /** Keeps the consumer counted for another {@link #CONSUMER_TTL}. */
    public void renew(String id, String consumer) {
        consumers.set(consumerKey(id, consumer), id, consumerTtl.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One consumer of a shared subscription left; the last one of a non-durable subscription deletes it and what
     * it held.
     */
    public void detach(String id, String consumer) {
        registry.lock(id);
        try {
            consumers.delete(consumerKey(id, consumer));
            if (consumersOf(id) == 0) {
                Subscription current = registry.get(id);
                if (current != null && !current.durable()) {
                    delete(id);
                }
            }
        } finally {
            registry.unlock(id);
        }
    }

    private int consumersOf(String id) {
        return consumers.keySet(consumerEntriesOf(id)).size();
    }

    private static Predicate<String, String> consumerEntriesOf(String id) {
        return Predicates.equal(QueryConstants.THIS_ATTRIBUTE_NAME.value(), id);
    }

    /** A separator no subscription id holds: ids are built from names and client ids, which are text. */
    private static String consumerKey(String id, String consumer) {
        return id + '\u0000' + consumer;
    }

    /**
     * Deletes a durable subscription for its client (JMS 6.11.1: not while it has an active consumer); false if
     * there was none. Consumers of shared subscriptions are counted across the cluster.
     *
     * @throws SubscriptionInUseException if a consumer anywhere in the cluster has it open
     */
    public boolean unsubscribe(String id) {
        registry.lock(id);
        try {
            int attached = consumersOf(id);
            if (attached > 0) {
                throw SubscriptionInUseException.deleting(id, attached);
            }
            return delete(id);
        } finally {
            registry.unlock(id);
        }
    }

    /** Deletes a subscription and its state, whoever consumes it; false if there was none. */
    private boolean delete(String id) {
        Subscription current = registry.get(id);
        if (current == null) {
            return false;
        }
        forget(current);
        registry.executeOnKey(id, SubscriptionWrite.remove());
        consumers.removeAll(consumerEntriesOf(id));
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
