package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Share groups: queue semantics on a partition log (in the spirit of Kafka's KIP-932). Any number of consumers
 * acquire records of a partition; each record is locked to one consumer until it is acknowledged (accepted,
 * released for redelivery, rejected) or its lock expires. Every redelivery raises its delivery count; after
 * {@code maxDeliveries} it goes to the dead-letter topic {@code <topic>.DLQ}, with the reason and its origin.
 * The state lives with the partition, on its leader, replicated to its backups.
 */
public final class ShareGroups implements ShareOperations {
    public static final String DEAD_LETTER_SUFFIX = ".DLQ";
    public static final String DEAD_LETTER_REASON = "JMS_PartitionMQ_DeadLetterReason";
    public static final String ORIGINAL_TOPIC = "JMS_PartitionMQ_OriginalTopic";
    public static final String ORIGINAL_PARTITION = "JMS_PartitionMQ_OriginalPartition";
    public static final String ORIGINAL_OFFSET = "JMS_PartitionMQ_OriginalOffset";
    public static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    /** A record header (epoch milliseconds) before which the record is not handed out: a delivery delay. */
    public static final String DELIVERY_TIME = "JMSDeliveryTime";

    private final HazelcastInstance hazelcast;
    private final IMap<PartitionKey, PartitionLog> logs;
    private final PartitionLogs partitionLogs;
    /** Guarded by this; created on first use: connections that never wait for records have none. */
    private SharePushes pushes;

    /**
     * How long an acquired record stays locked to its consumer, how often a record may be delivered, and whether
     * a partition hands out one record at a time (the next only once the previous is done), which keeps each
     * partition's order across any number of consumers while partitions are consumed in parallel.
     */
    public record Settings(Duration lock, int maxDeliveries, boolean ordered) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), 5);

        public Settings(Duration lock, int maxDeliveries) {
            this(lock, maxDeliveries, false);
        }

        public Settings {
            if (lock.isNegative() || lock.isZero()) {
                throw new IllegalArgumentException("the lock duration must be positive, got " + lock);
            }
            if (maxDeliveries < 1) {
                throw new IllegalArgumentException("maxDeliveries must be at least 1, got " + maxDeliveries);
            }
        }

        /** These settings, with one record in flight per partition. */
        public Settings inPartitionOrder() {
            return new Settings(lock, maxDeliveries, true);
        }
    }

    public ShareGroups(HazelcastInstance hazelcast, PartitionLogs partitionLogs) {
        this.hazelcast = hazelcast;
        this.logs = hazelcast.getMap(PartitionLogs.LOG_MAP);
        this.partitionLogs = partitionLogs;
    }

    /** Where this handle's waiting consumers are pushed records ({@link #acquireOrWait}). */
    private synchronized SharePushes pushes() {
        if (pushes == null) {
            pushes = new SharePushes(hazelcast, this);
        }
        return pushes;
    }

    /** Stops receiving pushes; records pushed later come back to their groups when their locks expire. */
    public synchronized void close() {
        if (pushes != null) {
            pushes.close();
            pushes = null;
        }
    }

    /**
     * Acquires up to {@code max} records of a partition for {@code consumer} of {@code group}: records released
     * or whose lock expired first, then new ones, all locked for {@code settings.lock()}. A {@code filter}
     * (evaluated on the leader) leaves the records it does not select to other consumers.
     */
    public List<ShareRecord> acquire(String topic, int partition, String group, String consumer, int max,
            Settings settings, RecordFilter filter) {
        return acquire(topic, partition, group, consumer, max, settings, filter, 0, null).records();
    }

    /** What an acquisition got, and whether the consumer now waits on the leader for records to be pushed. */
    public record Acquisition(List<ShareRecord> records, boolean waiting) {
    }

    /**
     * {@link #acquire}, and if nothing can be acquired now the consumer waits on the partition's leader, for up
     * to {@code waitMillis}, to be pushed what it can take as soon as records arrive or are released: to the
     * receiver {@link #receivePushes} registered for it. The wait ends with the push, when the consumer acquires or
     * returns records again, or after {@code waitMillis}; the leader keeps it in memory only, so a new leader
     * starts without it, and a consumer that still waits asks again.
     */
    @Override
    public Acquisition acquireOrWait(String topic, int partition, String group, String consumer, int max,
            Settings settings, RecordFilter filter, long waitMillis) {
        return acquire(topic, partition, group, consumer, max, settings, filter, waitMillis, pushes());
    }

    @Override
    public AutoCloseable receivePushes(String consumer, Consumer<PushedRecords> receiver) {
        SharePushes to = pushes();
        to.register(consumer, receiver);
        return () -> to.unregister(consumer);
    }

    private Acquisition acquire(String topic, int partition, String group, String consumer, int max,
            Settings settings, RecordFilter filter, long waitMillis, SharePushes pushes) {
        if (max <= 0) {
            throw new IllegalArgumentException("acquire at least one record, not " + max);
        }
        ShareReply reply = checked(topic, partition, logs.executeOnKey(new PartitionKey(topic, partition),
                ShareProcessor.acquire(group, consumer, max, settings.lock().toMillis(), settings.maxDeliveries(),
                        settings.ordered(), filter, pushes == null ? 0 : waitMillis,
                        pushes == null ? null : pushes.address())));
        deadLetter(topic, partition, reply.deadLettered(), null);
        return new Acquisition(reply.acquired(), reply.isWaiting());
    }

    /** Ends a consumer's wait on a partition ({@link #acquireOrWait}), as when it leaves. */
    public void stopWaiting(String topic, int partition, String group, String consumer) {
        acknowledge(topic, partition, group, consumer, new long[0], AcknowledgeType.RETURN, Settings.DEFAULTS);
    }

    /** Appends to the dead-letter topic the records a push reports as archived. */
    void deadLetter(SharePush push) {
        deadLetter(push.topic(), push.partition(), push.deadLettered(), null);
    }

    /**
     * Acknowledges records {@code consumer} acquired. Returns, per offset, whether it took effect: it does not
     * for a record the consumer does not hold, or whose lock has expired (it may be with another consumer now).
     */
    public boolean[] acknowledge(String topic, int partition, String group, String consumer, long[] offsets,
            AcknowledgeType type, Settings settings) {
        for (long offset : offsets) {
            if (offset < 0) {
                throw new IllegalArgumentException("offsets are not negative, got " + offset);
            }
        }
        ShareReply reply = checked(topic, partition, logs.executeOnKey(new PartitionKey(topic, partition),
                ShareProcessor.acknowledge(group, consumer, offsets, type, settings.maxDeliveries())));
        deadLetter(topic, partition, reply.deadLettered(), type);
        return reply.acknowledged();
    }

    /**
     * The records of a partition that the group's consumers could acquire now, from {@code fromOffset} on (up to
     * {@code max}), without acquiring them: what a JMS queue browser shows.
     */
    public List<ShareRecord> browse(String topic, int partition, String group, long fromOffset, int max,
            RecordFilter filter) {
        return checked(topic, partition, logs.executeOnKey(new PartitionKey(topic, partition),
                new ShareBrowseProcessor(group, fromOffset, max, filter))).acquired();
    }

    /**
     * Creates a group on every partition of a topic, starting at each partition's end (unless it exists there
     * already): it receives only records appended from now on, as a new JMS subscription does.
     */
    public void createAtEnd(TopicMetadata topic, String group) {
        logs.executeOnKeys(PartitionKey.allOf(topic), ShareProcessor.createAtEnd(group));
    }

    /** The share groups of a topic (a queue's, its subscriptions'), each with where it stands per partition. */
    public List<ShareGroupDescription> describe(TopicMetadata topic) {
        Map<PartitionKey, HashMap<String, long[]>> byPartition = logs.executeOnKeys(PartitionKey.allOf(topic),
                new ShareSummaryProcessor());
        Map<String, List<ShareGroupDescription.Partition>> byGroup = new TreeMap<>();
        byPartition.forEach((key, groups) -> groups.forEach((group, summary) -> byGroup
                .computeIfAbsent(group, g -> new ArrayList<>())
                .add(new ShareGroupDescription.Partition(key.partition(), summary[0], summary[1], summary[2],
                        summary[3]))));
        return byGroup.entrySet().stream().map(group -> {
            group.getValue().sort(Comparator.comparingInt(ShareGroupDescription.Partition::partition));
            return new ShareGroupDescription(group.getKey(), topic.name(), group.getValue());
        }).toList();
    }

    /**
     * The share groups' backlog in the partitions this member leads: per topic and group, the records locked to a
     * consumer or waiting to be acquired. Only callable on a broker member.
     */
    public Map<String, Map<String, Long>> localBacklog() {
        Map<String, Map<String, Long>> backlog = new TreeMap<>();
        logs.executeOnKeys(logs.localKeySet(), new ShareSummaryProcessor()).forEach((key, groups) ->
                groups.forEach((group, summary) -> backlog.computeIfAbsent(key.topic(), t -> new TreeMap<>())
                        .merge(group, summary[2] + summary[3], Long::sum)));
        return backlog;
    }

    /** Deletes a group's state on every partition of a topic. */
    public void delete(TopicMetadata topic, String group) {
        logs.executeOnKeys(PartitionKey.allOf(topic), ShareProcessor.delete(group));
    }

    /**
     * Accepts records without waiting for the reply: the stage completes with, per offset, whether it took
     * effect. Accepting never dead-letters, so the reply is all there is to it.
     */
    public CompletionStage<boolean[]> acceptAsync(String topic, int partition, String group, String consumer,
            long[] offsets, Settings settings) {
        return HazelcastStages.completedOffHazelcastThreads(logs.submitToKey(new PartitionKey(topic, partition),
                ShareProcessor.acknowledge(group, consumer, offsets, AcknowledgeType.ACCEPT, settings.maxDeliveries())))
                .thenApply(reply -> {
                    if (reply.isPartitionMissing()) {
                        throw new UnknownTopicException(topic);
                    }
                    return reply.acknowledged();
                });
    }

    /**
     * A reply from a partition without a log names what is missing: the topic, or the partition (looked up only
     * then, so that the common case costs one round trip).
     */
    private ShareReply checked(String topic, int partition, ShareReply reply) {
        if (reply.isPartitionMissing()) {
            partitionLogs.findTopic(topic).orElseThrow(() -> new UnknownTopicException(topic))
                    .requirePartition(partition);
        }
        return reply;
    }

    /**
     * Appends dead-lettered records to the dead-letter topic. The group has archived them already, so a crash
     * between the two loses them from the dead-letter topic (see README, Limits).
     */
    private void deadLetter(String topic, int partition, List<ShareRecord> records, AcknowledgeType type) {
        if (records.isEmpty()) {
            return;
        }
        TopicMetadata deadLetters = partitionLogs.topic(topic + DEAD_LETTER_SUFFIX);
        for (ShareRecord dead : records) {
            Map<String, Object> headers = new HashMap<>(dead.record().headers());
            headers.put(DEAD_LETTER_REASON, type == AcknowledgeType.REJECT ? "rejected by the consumer"
                    : "not acknowledged after " + dead.deliveryCount() + " deliveries");
            headers.put(ORIGINAL_TOPIC, topic);
            headers.put(ORIGINAL_PARTITION, partition);
            headers.put(ORIGINAL_OFFSET, dead.record().offset());
            headers.put(DELIVERY_COUNT, dead.deliveryCount());
            partitionLogs.append(deadLetters, partition % deadLetters.partitions(),
                    List.of(new ProducerRecord(dead.record().key(), headers, dead.record().value())));
        }
    }
}
