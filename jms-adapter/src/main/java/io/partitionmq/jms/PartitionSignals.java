package io.partitionmq.jms;

import io.partitionmq.log.LogOperations;
import io.partitionmq.log.TopicMetadata;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntPredicate;

/**
 * Which partitions of a topic may have new records for a reader. Appends are announced by the log's watch
 * events, so a reader fetches only from partitions that changed and otherwise waits instead of polling.
 */
final class PartitionSignals implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PartitionSignals.class.getName());

    private final AtomicIntegerArray pending;
    private final List<AutoCloseable> watches = new ArrayList<>();

    /**
     * @param waitedOn whether the reader waits on a partition's leader: an append there marks the partition but
     *                 wakes nobody, as the reader would only skip it again and the leader's push wakes it
     * @param onAppend wakes the reader
     */
    PartitionSignals(LogOperations logs, TopicMetadata topic, IntPredicate waitedOn, Runnable onAppend) {
        pending = new AtomicIntegerArray(topic.partitions());
        for (int p = 0; p < topic.partitions(); p++) {
            int partition = p;
            watches.add(logs.watch(topic.name(), p, () -> {
                mark(partition);
                if (!waitedOn.test(partition)) {
                    onAppend.run();
                }
            }));
        }
        refresh();
    }

    int partitions() {
        return pending.length();
    }

    /** Whether the partition was signalled since the last call, clearing the signal. */
    boolean take(int partition) {
        return pending.getAndSet(partition, 0) == 1;
    }

    /** Marks a partition as having more to read (a fetch stopped short of its end). */
    void mark(int partition) {
        pending.set(partition, 1);
    }

    void refresh() {
        for (int p = 0; p < pending.length(); p++) {
            pending.set(p, 1);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable watch : watches) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "removing a partition watch failed", e);
            }
        }
    }
}
