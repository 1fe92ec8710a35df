package io.partitionmq.log;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hears of appends to partitions: one Hazelcast entry listener per watched partition, shared by every reader of
 * this handle that waits on it. Readers at the log end wait here instead of polling.
 */
final class AppendWatchers implements AutoCloseable {
    private final IMap<PartitionKey, PartitionLog> logs;
    private final ConcurrentHashMap<PartitionKey, Watch> watches = new ConcurrentHashMap<>();

    AppendWatchers(IMap<PartitionKey, PartitionLog> logs) {
        this.logs = logs;
    }

    /** The appends to one partition: a counter that waiters watch, and callbacks. */
    static final class Watch implements EntryAddedListener<PartitionKey, PartitionLog>,
            EntryUpdatedListener<PartitionKey, PartitionLog> {
        private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
        private long appends;
        private UUID registration;

        synchronized long appends() {
            return appends;
        }

        /** Waits until an append after {@code seen}; false if {@code deadlineNanos} (System.nanoTime) passed. */
        synchronized boolean awaitAppendAfter(long seen, long deadlineNanos) throws InterruptedException {
            while (appends == seen) {
                long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    return false;
                }
                wait(leftMillis);
            }
            return true;
        }

        private void appended() {
            synchronized (this) {
                appends++;
                notifyAll();
            }
            callbacks.forEach(Runnable::run);
        }

        @Override
        public void entryAdded(EntryEvent<PartitionKey, PartitionLog> event) {
            appended();
        }

        @Override
        public void entryUpdated(EntryEvent<PartitionKey, PartitionLog> event) {
            appended();
        }
    }

    Watch watch(PartitionKey key) {
        return watches.computeIfAbsent(key, k -> {
            Watch watch = new Watch();
            watch.registration = logs.addEntryListener(watch, new AppendAnnounced(), k, false);
            return watch;
        });
    }

    AutoCloseable onAppend(PartitionKey key, Runnable callback) {
        Watch watch = watch(key);
        watch.callbacks.add(callback);
        return () -> watch.callbacks.remove(callback);
    }

    @Override
    public void close() {
        watches.values().forEach(watch -> logs.removeEntryListener(watch.registration));
        watches.clear();
    }
}
