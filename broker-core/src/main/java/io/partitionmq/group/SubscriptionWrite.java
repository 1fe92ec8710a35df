package io.partitionmq.group;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import io.partitionmq.log.LogStore;
import io.partitionmq.log.MinimumClusterSize;
import java.io.Serializable;
import java.util.Map;

/**
 * Registers or removes a named subscription, on the registry entry's owner and backups alike, each writing a
 * durable subscription to its member's store so that the registry outlives a full restart (a non-durable shared
 * subscription ends with its consumers, so it is not kept). A restore registers only where nothing is.
 */
final class SubscriptionWrite implements EntryProcessor<String, Subscription, Boolean>, HazelcastInstanceAware,
        Serializable {
    private static final long serialVersionUID = 1L;

    private final Subscription value;
    private final boolean onlyIfAbsent;
    private transient HazelcastInstance member;

    private SubscriptionWrite(Subscription value, boolean onlyIfAbsent) {
        this.value = value;
        this.onlyIfAbsent = onlyIfAbsent;
    }

    static SubscriptionWrite set(Subscription subscription) {
        return new SubscriptionWrite(subscription, false);
    }

    static SubscriptionWrite remove() {
        return new SubscriptionWrite(null, false);
    }

    static SubscriptionWrite restore(Subscription subscription) {
        return new SubscriptionWrite(subscription, true);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.member = hazelcast;
    }

    @Override
    public Boolean process(Map.Entry<String, Subscription> entry) {
        MinimumClusterSize.require(member, entry.getKey());
        if (onlyIfAbsent && entry.getValue() != null) {
            return Boolean.FALSE;
        }
        entry.setValue(value);
        LogStore.NamedStates stored = LogStore.of(member).states(LogStore.StateKind.SUBSCRIPTION);
        if (value != null && value.durable()) {
            stored.save(entry.getKey(), value.toBytes());
        } else {
            stored.delete(entry.getKey());
        }
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<String, Subscription, Boolean> getBackupProcessor() {
        return this;
    }
}
