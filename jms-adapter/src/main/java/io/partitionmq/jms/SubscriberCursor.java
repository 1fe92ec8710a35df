package io.partitionmq.jms;

import io.partitionmq.log.FetchResult;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.Record;
import io.partitionmq.log.TopicMetadata;
import java.util.ArrayDeque;

/**
 * A non-durable topic subscriber's private position in every partition, starting at the log end when it is
 * created; nothing is committed (specification 6.11: it sees only messages published while it is active).
 */
final class SubscriberCursor implements RecordSource {
    private static final int FETCH_RECORDS = 500;

    private final PartitionLogs logs;
    private final String topic;
    private final PartitionSignals signals;
    private final long[] positions;
    private final ArrayDeque<Record> buffered = new ArrayDeque<>();
    private int nextPartition;

    SubscriberCursor(PartitionLogs logs, TopicMetadata topic, Runnable onAppend) {
        this.logs = logs;
        this.topic = topic.name();
        // Watch first, then read the ends: a record appended in between is fetched, never missed.
        this.signals = new PartitionSignals(logs, topic, onAppend);
        this.positions = new long[topic.partitions()];
        for (int p = 0; p < positions.length; p++) {
            positions[p] = logs.summary(topic.name(), p).endOffset();
        }
    }

    @Override
    public Record next() {
        if (buffered.isEmpty()) {
            fill();
        }
        return buffered.poll();
    }

    private void fill() {
        int partitions = positions.length;
        for (int i = 0; i < partitions && buffered.isEmpty(); i++) {
            int p = (nextPartition + i) % partitions;
            if (signals.take(p)) {
                FetchResult fetched = LogReads.fetchSkippingDeleted(logs, topic, p, positions[p], FETCH_RECORDS);
                positions[p] = fetched.nextOffset();
                buffered.addAll(fetched.records());
                if (fetched.nextOffset() < fetched.endOffset()) {
                    signals.mark(p);
                }
                nextPartition = p + 1;
            }
        }
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
