package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The operations on topics and partition logs. It works the same on a broker member and on a Hazelcast client:
 * every change runs as an entry processor on the member that leads the partition. Close it to stop the append
 * watches it registered.
 */
public final class PartitionLogs implements LogOperations, AutoCloseable {
    /** Topic name to {@link TopicMetadata}. */
    public static final String TOPICS_MAP = "pmq.topics";
    /** {@link PartitionKey} to the partition's log. */
    public static final String LOG_MAP = "pmq.log";

    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(60);
    private static final long RECOVERY_RETRY_MILLIS = 50;

    private final IMap<String, TopicMetadata> topics;
    private final IMap<PartitionKey, PartitionLog> logs;
    private final AppendWatchers watchers;
    private final PartitionService partitionService;
    private final KnownTopics knownTopics;
    /** This handle's identity as a producer, for the appends it makes itself. */
    private final BatchPreparer batches = new BatchPreparer();
    private final HazelcastInstance hazelcast;
    /** Where this handle's waiting readers are pushed what they read ({@link #fetchOrWait}); made on first use. */
    private ReadPushes reads;

    public PartitionLogs(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.topics = hazelcast.getMap(TOPICS_MAP);
        this.logs = hazelcast.getMap(LOG_MAP);
        this.watchers = new AppendWatchers(logs);
        this.partitionService = hazelcast.getPartitionService();
        this.knownTopics = KnownTopics.of(hazelcast, topics);
    }

    // Topics.

    /**
     * Creates a topic; {@code config} holds Kafka-named settings that differ from the cluster's defaults. Throws
     * {@link InvalidTopicException} for a bad name, count or setting, {@link TopicExistsException} if taken.
     */
    public TopicMetadata createTopic(String name, int partitions, Map<String, String> config) {
        TopicNames.requireValid(name);
        if (partitions <= 0) {
            throw new InvalidTopicException("a topic needs at least one partition, got " + partitions);
        }
        TopicConfig.KAFKA_DEFAULTS.with(config);
        CreateTopicProcessor.Outcome outcome = topics.executeOnKey(name, new CreateTopicProcessor(partitions, config));
        if (!outcome.created()) {
            throw new TopicExistsException(name);
        }
        return outcome.topic();
    }

    public TopicMetadata createTopic(String name, int partitions) {
        return createTopic(name, partitions, Map.of());
    }

    /** The topic, created with the cluster's default partition count and settings if it does not exist yet. */
    public TopicMetadata topic(String name) {
        TopicNames.requireValid(name);
        TopicMetadata known = topics.get(name);
        return known != null ? known
                : topics.executeOnKey(name, new CreateTopicProcessor(0, Map.of())).topic();
    }

    public Optional<TopicMetadata> findTopic(String name) {
        return Optional.ofNullable(topics.get(TopicNames.requireValid(name)));
    }

    private TopicMetadata existing(String name) {
        return findTopic(name).orElseThrow(() -> new UnknownTopicException(name));
    }

    /** All topics, sorted by name. */
    public List<TopicMetadata> listTopics() {
        List<TopicMetadata> all = new ArrayList<>(topics.values());
        all.sort(Comparator.comparing(TopicMetadata::name));
        return all;
    }

    public TopicDescription describe(TopicMetadata topic) {
        List<PartitionSummary> partitions = new ArrayList<>(topic.partitions());
        for (int p = 0; p < topic.partitions(); p++) {
            partitions.add(summary(topic.name(), p));
        }
        return new TopicDescription(topic.name(), topic.partitions(), topic.config(), partitions);
    }

    /** Changes settings of a topic at runtime; every partition applies them from its next operation on. */
    public TopicMetadata alterConfig(String name, Map<String, String> changes) {
        TopicConfig.KAFKA_DEFAULTS.with(changes);
        TopicMetadata changed = update(name, current -> current.withConfig(current.config().with(changes)));
        logs.executeOnKeys(PartitionKey.allOf(changed), new ConfigureProcessor(changed.config()));
        return changed;
    }

    /** Raises a topic's partition count; it can only grow (as in Kafka), as keys would otherwise move. */
    public TopicMetadata addPartitions(String name, int newCount) {
        return update(name, current -> {
            if (newCount <= current.partitions()) {
                throw new InvalidTopicException("topic '" + name + "' has " + current.partitions()
                        + " partitions; the new count must be larger, got " + newCount);
            }
            return current.withPartitions(newCount);
        });
    }

    private TopicMetadata update(String name, java.util.function.UnaryOperator<TopicMetadata> change) {
        while (true) {
            TopicMetadata current = existing(name);
            TopicMetadata changed = change.apply(current);
            if (topics.executeOnKey(name, new UpdateTopicProcessor(current, changed))) {
                return changed;
            }
        }
    }

    /** Deletes a topic and the data of all its partitions. */
    public void deleteTopic(String name) {
        TopicMetadata topic = existing(name);
        topics.executeOnKey(name, new DeleteTopicProcessor());
        logs.executeOnKeys(PartitionKey.allOf(topic), new DeletePartitionProcessor());
    }

    // Partitions.

    /**
     * The partitions this member leads, each with its summary, in one local operation; only callable on a
     * broker member (a broker's metrics report what it leads).
     */
    public Map<PartitionKey, PartitionSummary> localSummaries() {
        Map<PartitionKey, PartitionSummary> summaries = new java.util.HashMap<>();
        logs.executeOnKeys(logs.localKeySet(), new ReadProcessor(0, 0))
                .forEach((key, slice) -> summaries.put(key, slice.summary(key.partition())));
        return summaries;
    }

    public PartitionSummary summary(String topic, int partition) {
        return logs.executeOnKey(new PartitionKey(topic, partition), new ReadProcessor(0, 0)).summary(partition);
    }

    /**
     * Appends records to a partition as one batch, atomically: all of them get consecutive offsets or none is
     * appended. Returns once the leader and its synchronous backups hold the batch. Throws
     * {@link RecordTooLargeException} for a batch above the topic's max.message.bytes.
     */
    public AppendResult append(TopicMetadata topic, int partition, List<ProducerRecord> records) {
        try {
            return appendAsync(batches.prepare(topic, partition, records)).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * {@link #append} without waiting: the stage completes when the leader and its backups hold the batch, so a
     * producer can keep several batches in flight. Batches in flight to one partition may land in any order.
     */
    public CompletionStage<AppendResult> appendAsync(TopicMetadata topic, int partition,
            List<ProducerRecord> records) {
        return appendAsync(batches.prepare(topic, partition, records));
    }

    /**
     * Appends a prepared batch ({@link BatchPreparer}); the same batch appended again (from any handle) is
     * answered with the offsets it got the first time, as long as the partition remembers its producer's recent
     * batches.
     */
    @Override
    public CompletionStage<AppendResult> appendAsync(PreparedAppend prepared) {
        // The topic as the brokers hold it, not as the sender saw it: a client names the partition, never its
        // settings, and cannot make a partition the topic does not have.
        return knownTopics.find(prepared.topic()).thenCompose(topic -> {
            if (topic == null) {
                throw new UnknownTopicException(prepared.topic());
            }
            topic.requirePartition(prepared.partition());
            PartitionKey key = new PartitionKey(prepared.topic(), prepared.partition());
            return appendAsync(key, new AppendProcessor(prepared.payload(), topic.config(), prepared.producer(),
                    prepared.sequence()), prepared.count());
        });
    }

    /**
     * Sends an append; one whose backups did not confirm it (Hazelcast cannot tell whether it took effect: a
     * backup died, or the leader was cut off from its backups) is sent again with the same producer stamp, for up
     * to {@link ConfirmedWrites#RETRY_FOR}. The partition answers a batch it already holds with
     * its first offsets, so the batch lands once; a leader cut off from its cluster loses its place and the retry
     * goes to the new one.
     */
    private CompletionStage<AppendResult> appendAsync(PartitionKey key, AppendProcessor append, int count) {
        String topic = key.topic();
        int partition = key.partition();
        int bytes = append.payloadLength();
        CompletableFuture<AppendResult> result = new CompletableFuture<>();
        ConfirmedWrites.submitRepeatable(logs, key, append).whenComplete((reply, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (reply[0] == AppendProcessor.RECOVERING) {
                CompletableFuture.runAsync(() -> complete(result,
                        () -> appended(topic, partition, count, bytes,
                                appendRetryingWhileRecovering(key, append, reply))), HazelcastStages.dependents());
            } else {
                complete(result, () -> appended(topic, partition, count, bytes, reply));
            }
        });
        return result;
    }

    private static void complete(CompletableFuture<AppendResult> result, Supplier<AppendResult> outcome) {
        try {
            result.complete(outcome.get());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static AppendResult appended(String topic, int partition, int records, int bytes, long[] reply) {
        if (reply[0] == AppendProcessor.TOO_LARGE) {
            throw new RecordTooLargeException(topic, bytes, (int) reply[1]);
        }
        return new AppendResult(topic, partition, reply[0], reply[0] + records - 1, reply[1]);
    }

    /** After a full restart, appends wait (a bounded while) until every broker has offered what it recovered. */
    private long[] appendRetryingWhileRecovering(PartitionKey key, AppendProcessor append, long[] firstReply) {
        long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
        long[] reply = firstReply;
        while (reply[0] == AppendProcessor.RECOVERING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partition " + key + " is still being recovered from disk after "
                        + RECOVERY_WAIT.toSeconds() + " s; are all brokers of the cluster started?");
            }
            try {
                Thread.sleep(RECOVERY_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while partition " + key + " recovers", e);
            }
            reply = ConfirmedWrites.executeRepeatable(logs, key, append);
        }
        return reply;
    }

    /**
     * Offers every replica and topic the given store holds to the cluster: each replaces what the cluster has
     * when it supersedes it (later leader epoch, then longer). Returns how many replicas were offered.
     */
    public int offerRecovered(LogStore.Recovered recovered) {
        for (TopicMetadata topic : recovered.topics()) {
            topics.executeOnKey(topic.name(), CreateTopicProcessor.restoring(topic));
        }
        Map<PartitionKey, LogStore.StoredPartition> replicas = recovered.replicas();
        replicas.forEach((key, replica) ->
                logs.executeOnKey(key, new OfferReplicaProcessor(PartitionLog.restore(replica))));
        return replicas.size();
    }

    /**
     * Reads up to {@code maxRecords} records from {@code offset} on; at the log end it returns no records.
     * Throws {@link OffsetOutOfRangeException}, with the valid range, for an offset before the log start or
     * after its end.
     */
    public FetchResult fetch(String topic, int partition, long offset, int maxRecords) {
        return checkedFetch(topic, partition, offset, maxRecords, logs.executeOnKey(new PartitionKey(topic, partition),
                new ReadProcessor(offset, maxRecords)));
    }

    private static FetchResult checkedFetch(String topic, int partition, long offset, int maxRecords,
            PartitionSlice slice) {
        if (offset < slice.startOffset() || offset > slice.endOffset()) {
            throw new OffsetOutOfRangeException(topic, partition, offset, slice.startOffset(), slice.endOffset());
        }
        return slice.fetchResult(offset, maxRecords);
    }

    /**
     * {@link #fetch(String, int, long, int)} of the records {@code filter} selects (null: all; evaluated on the
     * leader, among the first {@code maxRecords}, so others never cross the network; the result's next offset is
     * past those it looked at), and at the log end the reader waits on the partition's leader, for up to
     * {@code waitMillis}, to be pushed what the next appends bring that it selects:
     * to the receiver {@link #receiveReads} registered for {@code reader}. One wait per reader and partition: the
     * push ends it, and asking again replaces it. The leader keeps it in memory only, so a new leader starts
     * without it; a reader that still waits asks again before its wait ends.
     */
    @Override
    public WaitingFetch fetchOrWait(String topic, int partition, long offset, int maxRecords, RecordFilter filter,
            String reader, long waitMillis) {
        PartitionSlice slice = logs.executeOnKey(new PartitionKey(topic, partition),
                new ReadOrWaitProcessor(offset, maxRecords, filter, reader, readPushes().address(), waitMillis));
        return new WaitingFetch(checkedFetch(topic, partition, offset, maxRecords, slice), slice.isWaiting());
    }

    @Override
    public AutoCloseable receiveReads(String reader, Consumer<PushedRead> receiver) {
        return readPushes().register(reader, receiver);
    }

    private synchronized ReadPushes readPushes() {
        if (reads == null) {
            reads = new ReadPushes(hazelcast);
        }
        return reads;
    }

    /**
     * Like {@link #fetch(String, int, long, int)}, but at the log end waits up to {@code maxWait} for records,
     * returning as soon as an append arrives.
     */
    public FetchResult fetch(String topic, int partition, long offset, int maxRecords, Duration maxWait)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        AppendWatchers.Watch watch = watchers.watch(new PartitionKey(topic, partition));
        while (true) {
            long seen = watch.appends();
            FetchResult result = fetch(topic, partition, offset, maxRecords);
            if (!result.isEmpty() || !watch.awaitAppendAfter(seen, deadline)) {
                return result;
            }
        }
    }

    /**
     * Looks through a partition for records {@code filter} selects (null: all), evaluated on its leader, looking
     * at no more than {@code scanLimit} records. Oldest first it starts at {@code position}; newest first it
     * starts just before {@code position} (pass the log end, or {@code Long.MAX_VALUE}, for the newest).
     */
    public SearchResult search(String topic, int partition, long position, boolean newestFirst, RecordFilter filter,
            int max, int scanLimit) {
        if (max < 1 || scanLimit < 1) {
            throw new IllegalArgumentException("a search returns at least one record and looks at at least one, not"
                    + " max=" + max + ", scan limit=" + scanLimit);
        }
        if (position < 0) {
            throw new IllegalArgumentException("offsets are not negative, got " + position);
        }
        existing(topic).requirePartition(partition);
        return logs.executeOnKey(new PartitionKey(topic, partition),
                new SearchProcessor(position, newestFirst, filter, max, scanLimit)).toResult(newestFirst);
    }

    /** The first offset appended at or after {@code timestamp}; empty if every record is older. */
    public OptionalLong offsetForTimestamp(String topic, int partition, long timestamp) {
        long offset = logs.executeOnKey(new PartitionKey(topic, partition),
                new TimestampLookupProcessor(timestamp));
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /**
     * Deletes the records before {@code offset} (an operator's action, as Kafka's deleteRecords): the log start
     * moves there and whole segments before it go. Returns the new start offset.
     */
    public long deleteRecordsBefore(String topic, int partition, long offset) {
        existing(topic).requirePartition(partition);
        long[] reply = logs.executeOnKey(new PartitionKey(topic, partition), new TruncateProcessor(offset));
        if (reply[0] == 0) {
            throw new OffsetOutOfRangeException(topic, partition, offset, reply[1], reply[2]);
        }
        return reply[1];
    }

    /**
     * Applies retention to the partitions this member leads; only callable on a broker member. Returns how many
     * partitions moved their start offset. Topics under the {@code consumed} policy also drop what every group has
     * consumed: {@code consumerGroupsConsumedBefore} gives, per partition consumer groups read, the lowest offset
     * they committed (see {@link io.partitionmq.group.ConsumerGroups#lowestCommitted}).
     */
    public int enforceRetentionOnLocalPartitions(Map<PartitionKey, Long> consumerGroupsConsumedBefore) {
        int truncated = 0;
        for (PartitionKey key : logs.localKeySet()) {
            long[] start = logs.executeOnKey(key,
                    new RetentionProcessor(consumerGroupsConsumedBefore.getOrDefault(key, Long.MAX_VALUE)));
            if (start[1] > start[0]) {
                truncated++;
            }
        }
        return truncated;
    }

    /**
     * Runs the retention pass — which also writes each replica to its member's disk if it is not there yet and
     * lets its old batches leave memory — on every log partition living in these Hazelcast partitions, on their
     * leaders and backups: for replicas that just moved.
     */
    public void settleReplicasIn(Set<Integer> hazelcastPartitions) {
        Set<PartitionKey> keys = new HashSet<>();
        for (TopicMetadata topic : listTopics()) {
            for (PartitionKey key : PartitionKey.allOf(topic)) {
                if (hazelcastPartitions.contains(partitionService.getPartition(key).getPartitionId())) {
                    keys.add(key);
                }
            }
        }
        if (!keys.isEmpty()) {
            logs.executeOnKeys(keys, new RetentionProcessor());
        }
    }

    /**
     * Calls {@code onAppend} whenever records are appended to the partition, so a reader at the log end waits
     * for data instead of polling. Closing the returned handle stops the calls.
     */
    public AutoCloseable watch(String topic, int partition, Runnable onAppend) {
        return watchers.onAppend(new PartitionKey(topic, partition), onAppend);
    }

    @Override
    public void close() {
        watchers.close();
        synchronized (this) {
            if (reads != null) {
                reads.close();
                reads = null;
            }
        }
    }
}
