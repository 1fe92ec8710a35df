package io.partitionmq.jms;

import io.partitionmq.group.GroupOffsets;
import io.partitionmq.log.FetchResult;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.Record;
import io.partitionmq.log.TopicMetadata;
import java.util.ArrayDeque;

/**
 * A queue consumer's way to take records that no competing consumer takes: the queue's group offset in each
 * partition is advanced by compare-and-set, one record at a time, so each record goes to exactly one consumer.
 * Records fetched ahead are only candidates; losing a race discards them and reads again.
 *
 * <p>A record counts as consumed when it is claimed (AUTO_ACKNOWLEDGE). Locks, release and redelivery
 * arrive with share groups.
 */
final class QueueClaims implements RecordSource {
    private static final int FETCH_RECORDS = 100;
    private static final int CLAIM_ATTEMPTS = 3;

    private final PartitionLogs logs;
    private final GroupOffsets offsets;
    private final String topic;
    private final String group;
    private final PartitionSignals signals;
    private final ArrayDeque<Record>[] candidates;
    private final long[] expectedCommit;
    private int nextPartition;

    @SuppressWarnings("unchecked")
    QueueClaims(PartitionLogs logs, GroupOffsets offsets, TopicMetadata topic, Runnable onAppend) {
        this.logs = logs;
        this.offsets = offsets;
        this.topic = topic.name();
        this.group = topic.name();
        this.signals = new PartitionSignals(logs, topic, onAppend);
        this.candidates = new ArrayDeque[topic.partitions()];
        this.expectedCommit = new long[topic.partitions()];
        for (int p = 0; p < candidates.length; p++) {
            candidates[p] = new ArrayDeque<>();
        }
    }

    @Override
    public Record next() {
        int partitions = candidates.length;
        for (int i = 0; i < partitions; i++) {
            int p = (nextPartition + i) % partitions;
            Record claimed = claim(p);
            if (claimed != null) {
                nextPartition = p + 1;
                return claimed;
            }
        }
        return null;
    }

    private Record claim(int partition) {
        ArrayDeque<Record> waiting = candidates[partition];
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            if (waiting.isEmpty()) {
                if (!signals.take(partition)) {
                    return null;
                }
                long committed = offsets.committed(group, topic, partition);
                FetchResult fetched = LogReads.fetchSkippingDeleted(logs, topic, partition,
                        Math.max(committed, 0), FETCH_RECORDS);
                if (fetched.isEmpty()) {
                    return null;
                }
                if (fetched.nextOffset() < fetched.endOffset()) {
                    signals.mark(partition);
                }
                waiting.addAll(fetched.records());
                expectedCommit[partition] = committed;
            }
            Record candidate = waiting.poll();
            if (offsets.commitIfUnchanged(group, topic, partition, expectedCommit[partition],
                    candidate.offset() + 1)) {
                expectedCommit[partition] = candidate.offset() + 1;
                return candidate;
            }
            // Another consumer claimed first: what we fetched is stale.
            waiting.clear();
            signals.mark(partition);
        }
        return null;
    }

    @Override
    public void refresh() {
        signals.refresh();
    }

    @Override
    public void close() {
        signals.close();
    }
}
