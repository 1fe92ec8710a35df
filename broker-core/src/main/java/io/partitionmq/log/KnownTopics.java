package io.partitionmq.log;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.EntryListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryMergedListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The topics as this member last read them, each kept until it changes: what a broker checks every append
 * against (the topic exists, the partition is one of its, its settings) without reading the topics map each time.
 * One per member, shared by all its connections.
 */
final class KnownTopics implements EntryListener<String, TopicMetadata>, EntryMergedListener<String, TopicMetadata> {
    private static final String CONTEXT_KEY = "partitionmq.knownTopics";

    private final IMap<String, TopicMetadata> topics;
    private final ConcurrentHashMap<String, TopicMetadata> known = new ConcurrentHashMap<>();
    /** Counts changes heard: a read that a change overtook is not kept, as it may predate the change. */
    private final AtomicLong changes = new AtomicLong();

    private KnownTopics(IMap<String, TopicMetadata> topics) {
        this.topics = topics;
    }

    static KnownTopics of(HazelcastInstance hazelcast, IMap<String, TopicMetadata> topics) {
        return (KnownTopics) hazelcast.getUserContext().computeIfAbsent(CONTEXT_KEY, key -> {
            KnownTopics created = new KnownTopics(topics);
            topics.addEntryListener(created, false);
            return created;
        });
    }

    /**
     * The topic, or null if it does not exist. Never blocks: an append may be sent from the thread that received
     * the reply to the one before, a Hazelcast thread that must not wait for another reply.
     */
    CompletionStage<TopicMetadata> find(String name) {
        TopicMetadata topic = known.get(name);
        if (topic != null) {
            return CompletableFuture.completedFuture(topic);
        }
        long before = changes.get();
        return HazelcastStages.completedOffHazelcastThreads(topics.getAsync(name)).thenApply(read -> {
            if (read != null && changes.get() == before) {
                known.put(name, read);
                if (changes.get() != before) {
                    known.remove(name);
                }
            }
            return read;
        });
    }

    private void changed(String name) {
        changes.incrementAndGet();
        known.remove(name);
    }

    private void changedAll() {
        changes.incrementAndGet();
        known.clear();
    }

    @Override
    public void entryAdded(EntryEvent<String, TopicMetadata> event) {
        changed(event.getKey());
    }

    @Override
    public void entryUpdated(EntryEvent<String, TopicMetadata> event) {
        changed(event.getKey());
    }

    @Override
    public void entryRemoved(EntryEvent<String, TopicMetadata> event) {
        changed(event.getKey());
    }

    @Override
    public void entryEvicted(EntryEvent<String, TopicMetadata> event) {
        changed(event.getKey());
    }

    @Override
    public void entryExpired(EntryEvent<String, TopicMetadata> event) {
        changed(event.getKey());
    }

    @Override
    public void entryMerged(EntryEvent<String, TopicMetadata> event) {
        changed(event.getKey());
    }

    @Override
    public void mapCleared(MapEvent event) {
        changedAll();
    }

    @Override
    public void mapEvicted(MapEvent event) {
        changedAll();
    }
}
