package io.partitionmq.jms;

import io.partitionmq.log.FetchResult;
import io.partitionmq.log.OffsetOutOfRangeException;
import io.partitionmq.log.LogOperations;
import io.partitionmq.log.PushedRead;
import io.partitionmq.log.Record;
import io.partitionmq.log.WaitingFetch;
import io.partitionmq.transaction.ShareAccept;
import io.partitionmq.log.RecordFilter;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.TopicMetadata;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A non-durable topic subscriber's private position in every partition, starting at the log end when it is
 * created; nothing is committed (specification 6.11: it sees only messages published while it is active).
 *
 * <p>A subscriber that would wait for a message and has read a partition to its end waits on the partition's
 * leader instead of fetching again after each append: the leader pushes it what the next append brings, once a
 * backup holds it, which saves the round trip of a fetch. A push names the position the wait was left at; one
 * that a later fetch overtook no longer follows on from the subscriber's position and is dropped. The leaders
 * evaluate the subscriber's selector, so messages it does not select never cross the network.
 */
final class SubscriberCursor implements RecordSource {
    private static final System.Logger LOG = System.getLogger(SubscriberCursor.class.getName());
    private static final int FETCH_RECORDS = 500;

    private final LogOperations logs;
    private final String topic;
    private final String reader = UUID.randomUUID().toString();
    private final PartitionSignals signals;
    private final RecordFilter filter;
    private final long[] positions;
    private final ArrayDeque<Delivery> buffered = new ArrayDeque<>();
    /** Records whose delivery time is still ahead, soonest first; they do not hold up the others. */
    private final PriorityQueue<Delivery> delayed = new PriorityQueue<>(Comparator.comparingLong(
            SubscriberCursor::deliveryTime));
    /** Reads the leaders pushed, in arrival order, not yet taken into {@link #buffered}. */
    private final ConcurrentLinkedQueue<PushedRead> pushed = new ConcurrentLinkedQueue<>();
    private final AutoCloseable pushes;
    /** Per partition: until when (System.nanoTime) it waits on the leader without fetching; 0 when it does not. */
    private final AtomicLongArray waitingUntil;
    /** Per partition: its leader could not take a wait (nothing was ever appended there): fetch on a signal. */
    private final boolean[] unwaitable;
    private int nextPartition;

    /** @param filter the subscriber's selector, evaluated by the partition leaders; null for none */
    SubscriberCursor(LogOperations logs, TopicMetadata topic, RecordFilter filter, Runnable onAppend) {
        this.filter = filter;
        this.logs = logs;
        this.topic = topic.name();
        this.pushes = logs.receiveReads(reader, push -> {
            pushed.add(push);
            onAppend.run();
        });
        this.waitingUntil = new AtomicLongArray(topic.partitions());
        // Watch first, then read the ends: a record appended in between is fetched, never missed.
        this.signals = new PartitionSignals(logs, topic, this::waitsOn, onAppend);
        this.positions = new long[topic.partitions()];
        this.unwaitable = new boolean[topic.partitions()];
        for (int p = 0; p < positions.length; p++) {
            positions[p] = logs.summary(topic.name(), p).endOffset();
        }
    }

    @Override
    public Delivery next(long waitMillis) {
        long now = System.currentTimeMillis();
        if (!delayed.isEmpty() && deliveryTime(delayed.peek()) <= now) {
            return delayed.poll();
        }
        while (true) {
            takePushed();
            if (buffered.isEmpty()) {
                fill(waitMillis);
            }
            Delivery next = buffered.poll();
            if (next == null || deliveryTime(next) <= now) {
                return next;
            }
            delayed.add(next);
        }
    }

    private static long deliveryTime(Delivery delivery) {
        return delivery.record().headers().get(ShareGroups.DELIVERY_TIME) instanceof Long time ? time : 0;
    }

    private void fill(long waitMillis) {
        long wait = LeaderWait.forCaller(waitMillis);
        int partitions = positions.length;
        int first = nextPartition;
        for (int i = 0; i < partitions; i++) {
            // Pushed records go first: they are older than anything their partition would give now.
            takePushed();
            if (!buffered.isEmpty()) {
                return;
            }
            int p = (first + i) % partitions;
            long until = waitingUntil.get(p);
            if (LeaderWait.waiting(until)) {
                continue;
            }
            // A subscriber that will wait fetches every partition it does not wait on yet, so as to wait there.
            if (signals.take(p) || until != 0 || (wait > 0 && !unwaitable[p])) {
                long asked = System.nanoTime();
                WaitingFetch got = fetchSkippingDeleted(p, wait);
                FetchResult fetched = got.fetched();
                unwaitable[p] = wait > 0 && !got.waiting() && fetched.isEmpty()
                        && fetched.nextOffset() >= fetched.endOffset();
                waitingUntil.set(p, got.waiting() ? LeaderWait.renewalDue(asked, wait) : 0);
                take(p, fetched);
                nextPartition = p + 1;
            }
        }
    }

    /** Whether the subscriber waits on the partition's leader, not yet due to renew the wait. */
    private boolean waitsOn(int partition) {
        return LeaderWait.waiting(waitingUntil.get(partition));
    }

    private void takePushed() {
        for (PushedRead push = pushed.poll(); push != null; push = pushed.poll()) {
            int p = push.partition();
            if (push.waitedFrom() != positions[p]) {
                continue; // a fetch since the wait read these records already
            }
            FetchResult fetched = push.fetched();
            waitingUntil.set(p, 0);
            take(p, fetched);
        }
    }

    private void take(int partition, FetchResult fetched) {
        positions[partition] = fetched.nextOffset();
        for (Record record : fetched.records()) {
            buffered.add(new Delivery(partition, record, 1));
        }
        if (fetched.nextOffset() < fetched.endOffset()) {
            signals.mark(partition);
        }
    }

    /** Reads on from a partition's position; a position retention deleted moves on to the log start. */
    private WaitingFetch fetchSkippingDeleted(int partition, long waitMillis) {
        try {
            return logs.fetchOrWait(topic, partition, positions[partition], FETCH_RECORDS, filter, reader,
                    waitMillis);
        } catch (OffsetOutOfRangeException e) {
            if (positions[partition] > e.endOffset()) {
                throw e;
            }
            return logs.fetchOrWait(topic, partition, e.startOffset(), FETCH_RECORDS, filter, reader, waitMillis);
        }
    }

    /** A subscriber's position moves as it reads; there is nothing to acknowledge. */
    @Override
    public void accept(Delivery delivery) {
    }

    @Override
    public ShareAccept acceptanceOf(Delivery delivery) {
        return null;
    }

    @Override
    public void awaitAccepted() {
    }

    /**
     * A non-durable subscriber has no shared state to give a record back to: a released record is delivered to
     * it again, right away.
     */
    @Override
    public void release(Delivery delivery) {
        if (delivery.deliveryCount() >= ShareGroups.Settings.DEFAULTS.maxDeliveries()) {
            LOG.log(Level.WARNING, "dropping the message at {0}/{1} offset {2} after {3} failed deliveries", topic,
                    delivery.partition(), delivery.record().offset(), delivery.deliveryCount());
            return;
        }
        buffered.addFirst(new Delivery(delivery.partition(), delivery.record(), delivery.deliveryCount() + 1));
    }

    /** Buffered records come after any released ones already: the order is right as it is. */
    @Override
    public void returnUndelivered() {
    }

    /** A private cursor holds nothing another consumer could take. */
    @Override
    public void idle() {
    }

    @Override
    public void refresh() {
        signals.refresh();
    }

    @Override
    public void close() {
        try {
            pushes.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "no longer receiving pushed reads for " + reader + " failed", e);
        } finally {
            signals.close();
        }
    }
}
