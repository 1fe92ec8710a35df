package io.partitionmq.group;

import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.log.FetchResult;
import io.partitionmq.log.OffsetOutOfRangeException;
import io.partitionmq.log.LogOperations;
import io.partitionmq.log.Record;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A member of a consumer group that reads its assigned partitions, as a Kafka consumer does: poll for records,
 * commit positions, seek. It heartbeats from poll; partitions taken from it are committed and released,
 * partitions granted to it start at the group's committed offset or by the reset policy. Not thread-safe.
 */
public final class GroupConsumer implements AutoCloseable {
    /** A record and the partition it was read from. */
    public record ConsumedRecord(TopicPartition partition, Record record) {
    }

    private static final int FETCH_RECORDS = 500;

    private final ConsumerGroupOperations groups;
    private final LogOperations logs;
    private final String group;
    private final List<String> topics;
    private final AssignmentStrategy strategy;
    private final Duration sessionTimeout;
    private final OffsetResetPolicy reset;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private GroupMembership membership;
    private long nextHeartbeat;
    private Duration autoCommitInterval;
    private long nextAutoCommit;
    private int nextPartition;

    public GroupConsumer(BrokerConnection broker, String group, List<String> topics, AssignmentStrategy strategy,
            Duration sessionTimeout, OffsetResetPolicy reset) {
        this.groups = broker.groups();
        this.logs = broker.logs();
        this.group = group;
        this.topics = List.copyOf(topics);
        this.strategy = strategy;
        this.sessionTimeout = sessionTimeout;
        this.reset = reset;
        adopt(groups.join(group, null, topics, strategy, sessionTimeout));
    }

    public GroupMembership membership() {
        return membership;
    }

    /**
     * Commits automatically, as Kafka's {@code enable.auto.commit}: at a poll once {@code interval} has passed
     * since the last automatic commit, the positions reached by the records returned so far, and again on close.
     * A crash delivers again at most the records of that interval.
     */
    public GroupConsumer autoCommitEvery(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the auto-commit interval must be positive, got " + interval);
        }
        this.autoCommitInterval = interval;
        this.nextAutoCommit = System.nanoTime() + interval.toNanos();
        return this;
    }

    private void autoCommitIfDue() {
        if (autoCommitInterval != null && System.nanoTime() - nextAutoCommit >= 0) {
            commitSync();
            nextAutoCommit = System.nanoTime() + autoCommitInterval.toNanos();
        }
    }

    /** Records from the assigned partitions, waiting up to {@code maxWait} (for appends) when there are none. */
    public List<ConsumedRecord> poll(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        autoCommitIfDue();
        while (true) {
            heartbeatIfDue();
            List<ConsumedRecord> records = fetchOnce(Duration.ZERO);
            long left = deadline - System.nanoTime();
            if (!records.isEmpty() || left <= 0) {
                return records;
            }
            records = fetchOnce(Duration.ofNanos(Math.min(left, sessionTimeout.toNanos() / 3)));
            if (!records.isEmpty()) {
                return records;
            }
        }
    }

    private List<ConsumedRecord> fetchOnce(Duration wait) throws InterruptedException {
        List<TopicPartition> assigned = membership.assignment();
        List<ConsumedRecord> records = new ArrayList<>();
        for (int i = 0; i < assigned.size() && records.isEmpty(); i++) {
            TopicPartition partition = assigned.get((nextPartition + i) % assigned.size());
            FetchResult fetched = fetch(partition, i == 0 ? wait : Duration.ZERO);
            fetched.records().forEach(record -> records.add(new ConsumedRecord(partition, record)));
            positions.put(partition, fetched.nextOffset());
            if (!records.isEmpty()) {
                nextPartition = (nextPartition + i + 1) % assigned.size();
            }
        }
        return records;
    }

    private FetchResult fetch(TopicPartition partition, Duration wait) throws InterruptedException {
        try {
            return logs.fetch(partition.topic(), partition.partition(), positions.get(partition), FETCH_RECORDS, wait);
        } catch (OffsetOutOfRangeException e) {
            positions.put(partition, reset == OffsetResetPolicy.LATEST ? e.endOffset() : e.startOffset());
            return logs.fetch(partition.topic(), partition.partition(), positions.get(partition), FETCH_RECORDS);
        }
    }

    /**
     * Heartbeats when due, and at once while partitions are on their way in or out: partitions the target no
     * longer has are committed and released first, so their next owner starts where this member stopped.
     */
    private void heartbeatIfDue() {
        if (System.currentTimeMillis() < nextHeartbeat && membership.settled()) {
            return;
        }
        GroupMembership current;
        try {
            List<TopicPartition> revoked = membership.revoked();
            if (!revoked.isEmpty()) {
                Map<TopicPartition, Long> released = new HashMap<>();
                revoked.forEach(partition -> released.put(partition, positions.get(partition)));
                groups.commit(group, membership.memberId(), membership.generation(), released, "released");
                positions.keySet().removeAll(revoked);
            }
            current = groups.heartbeat(group, membership.memberId(), positions.keySet(), topics);
        } catch (IllegalStateException expired) {
            // The session expired (the member was too slow): its partitions moved on; it joins again.
            positions.clear();
            current = groups.join(group, membership.memberId(), topics, strategy, sessionTimeout);
        }
        adopt(current);
    }

    /** Takes what the coordinator says the member owns: new partitions start at the committed offset. */
    private void adopt(GroupMembership next) {
        nextHeartbeat = System.currentTimeMillis() + sessionTimeout.toMillis() / 3;
        membership = next;
        positions.keySet().retainAll(next.assignment());
        for (TopicPartition partition : next.assignment()) {
            positions.computeIfAbsent(partition, this::startingOffset);
        }
    }

    private long startingOffset(TopicPartition partition) {
        OptionalLong committed = groups.committed(group, partition);
        if (committed.isPresent()) {
            return committed.getAsLong();
        }
        return switch (reset) {
            case EARLIEST -> logs.summary(partition.topic(), partition.partition()).startOffset();
            case LATEST -> logs.summary(partition.topic(), partition.partition()).endOffset();
            case NONE -> throw new NoOffsetForPartitionException(group, partition);
        };
    }

    /** Commits the position of every owned partition (the next offset each will read). */
    public void commitSync() {
        groups.commit(group, membership.memberId(), membership.generation(), new HashMap<>(positions), "");
    }

    /** Reads a partition on from {@code offset} at the next poll. */
    public void seek(TopicPartition partition, long offset) {
        requireOwned(partition);
        positions.put(partition, offset);
    }

    /** Reads a partition on from the first record appended at or after {@code timestamp} (or its end). */
    public void seekToTimestamp(TopicPartition partition, long timestamp) {
        requireOwned(partition);
        positions.put(partition, logs.offsetForTimestamp(partition.topic(), partition.partition(), timestamp)
                .orElse(logs.summary(partition.topic(), partition.partition()).endOffset()));
    }

    private void requireOwned(TopicPartition partition) {
        if (!positions.containsKey(partition)) {
            throw new IllegalStateException(partition + " is not assigned to this member");
        }
    }

    /** Leaves the group (committing first, with auto-commit): its partitions go to the other members at once. */
    @Override
    public void close() {
        if (autoCommitInterval != null) {
            commitSync();
        }
        groups.leave(group, membership.memberId());
    }
}
