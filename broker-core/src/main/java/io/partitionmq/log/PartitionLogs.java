package io.partitionmq.log;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The operations on topics and partition logs. It works the same on a broker member and on a Hazelcast client:
 * every change runs as an entry processor on the member that leads the partition.
 */
public final class PartitionLogs {
    /** Topic name to {@link TopicMetadata}. */
    public static final String TOPICS_MAP = "pmq.topics";
    /** {@link PartitionKey} to the partition's log. */
    public static final String LOG_MAP = "pmq.log";

    private final IMap<String, TopicMetadata> topics;
    private final IMap<PartitionKey, PartitionLog> logs;

    public PartitionLogs(HazelcastInstance hazelcast) {
        this.topics = hazelcast.getMap(TOPICS_MAP);
        this.logs = hazelcast.getMap(LOG_MAP);
    }

    /** Creates a topic; throws {@link InvalidTopicException} for a bad name or count, {@link TopicExistsException}. */
    public TopicMetadata createTopic(String name, int partitions) {
        TopicMetadata metadata = new TopicMetadata(name, partitions, System.currentTimeMillis());
        if (topics.putIfAbsent(name, metadata) != null) {
            throw new TopicExistsException(name);
        }
        return metadata;
    }

    /** The topic, created with the cluster's default partition count if it does not exist yet. */
    public TopicMetadata topic(String name) {
        TopicNames.requireValid(name);
        TopicMetadata known = topics.get(name);
        return known != null ? known : topics.executeOnKey(name, new EnsureTopicProcessor());
    }

    public Optional<TopicMetadata> findTopic(String name) {
        return Optional.ofNullable(topics.get(TopicNames.requireValid(name)));
    }

    /** All topics, sorted by name. */
    public List<TopicMetadata> listTopics() {
        List<TopicMetadata> all = new ArrayList<>(topics.values());
        all.sort(Comparator.comparing(TopicMetadata::name));
        return all;
    }

    public TopicDescription describe(TopicMetadata topic) {
        List<PartitionOffsets> offsets = new ArrayList<>(topic.partitions());
        for (int p = 0; p < topic.partitions(); p++) {
            offsets.add(offsets(topic.name(), p));
        }
        return new TopicDescription(topic.name(), topic.partitions(), offsets);
    }

    public PartitionOffsets offsets(String topic, int partition) {
        PartitionSlice slice = logs.executeOnKey(new PartitionKey(topic, partition), new ReadProcessor(0, 0));
        return new PartitionOffsets(partition, slice.startOffset(), slice.endOffset());
    }

    /**
     * Appends records to a partition as one batch, atomically: all of them get consecutive offsets or none is
     * appended. Returns once the leader and its synchronous backups hold the batch.
     */
    public AppendResult append(String topic, int partition, List<ProducerRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one record");
        }
        long[] appended = logs.executeOnKey(new PartitionKey(topic, partition),
                new AppendProcessor(RecordCodec.encode(records)));
        return new AppendResult(topic, partition, appended[0], appended[0] + records.size() - 1, appended[1]);
    }

    /**
     * Reads up to {@code maxRecords} records from {@code offset} on. An offset below the log start reads from the
     * log start; an offset at or beyond the log end returns no records.
     */
    public FetchResult fetch(String topic, int partition, long offset, int maxRecords) {
        PartitionSlice slice = logs.executeOnKey(new PartitionKey(topic, partition),
                new ReadProcessor(offset, maxRecords));
        long position = Math.max(offset, slice.startOffset());
        List<Record> records = new ArrayList<>(Math.min(maxRecords, 1024));
        for (RecordBatch batch : slice.batches()) {
            for (Record record : RecordCodec.decode(batch)) {
                if (record.offset() >= position && records.size() < maxRecords) {
                    records.add(record);
                }
            }
        }
        long next = records.isEmpty() ? position : records.get(records.size() - 1).offset() + 1;
        return new FetchResult(records, next, slice.startOffset(), slice.endOffset());
    }

    /**
     * Calls {@code onAppend} whenever records are appended to the partition, so a reader at the log end waits
     * for data instead of polling. Closing the returned handle stops the calls.
     */
    public AutoCloseable watch(String topic, int partition, Runnable onAppend) {
        UUID registration = logs.addEntryListener(new AppendListener(onAppend), new PartitionKey(topic, partition),
                false);
        return () -> logs.removeEntryListener(registration);
    }

    private record AppendListener(Runnable onAppend) implements EntryAddedListener<PartitionKey, PartitionLog>,
            EntryUpdatedListener<PartitionKey, PartitionLog> {
        @Override
        public void entryAdded(EntryEvent<PartitionKey, PartitionLog> event) {
            onAppend.run();
        }

        @Override
        public void entryUpdated(EntryEvent<PartitionKey, PartitionLog> event) {
            onAppend.run();
        }
    }
}
