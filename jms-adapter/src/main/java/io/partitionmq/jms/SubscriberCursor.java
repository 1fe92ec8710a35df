package io.partitionmq.jms;

import io.partitionmq.log.FetchResult;
import io.partitionmq.log.OffsetOutOfRangeException;
import io.partitionmq.log.LogOperations;
import io.partitionmq.log.Record;
import io.partitionmq.transaction.ShareAccept;
import io.partitionmq.log.RecordFilter;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.TopicMetadata;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A non-durable topic subscriber's private position in every partition, starting at the log end when it is
 * created; nothing is committed (specification 6.11: it sees only messages published while it is active).
 */
final class SubscriberCursor implements RecordSource {
    private static final System.Logger LOG = System.getLogger(SubscriberCursor.class.getName());
    private static final int FETCH_RECORDS = 500;

    private final LogOperations logs;
    private final String topic;
    private final PartitionSignals signals;
    private final RecordFilter filter;
    private final long[] positions;
    private final ArrayDeque<Delivery> buffered = new ArrayDeque<>();
    /** Records whose delivery time is still ahead, soonest first; they do not hold up the others. */
    private final PriorityQueue<Delivery> delayed = new PriorityQueue<>(Comparator.comparingLong(
            SubscriberCursor::deliveryTime));
    private int nextPartition;

    /** @param filter the subscriber's selector, applied as records arrive; null for none */
    SubscriberCursor(LogOperations logs, TopicMetadata topic, RecordFilter filter, Runnable onAppend) {
        this.filter = filter;
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
    public Delivery next(long waitMillis) {
        long now = System.currentTimeMillis();
        if (!delayed.isEmpty() && deliveryTime(delayed.peek()) <= now) {
            return delayed.poll();
        }
        while (true) {
            if (buffered.isEmpty()) {
                fill();
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

    private void fill() {
        int partitions = positions.length;
        int first = nextPartition;
        for (int i = 0; i < partitions && buffered.isEmpty(); i++) {
            int p = (first + i) % partitions;
            if (signals.take(p)) {
                FetchResult fetched = fetchSkippingDeleted(p);
                positions[p] = fetched.nextOffset();
                for (Record record : fetched.records()) {
                    if (filter == null || filter.matches(record)) {
                        buffered.add(new Delivery(p, record, 1));
                    }
                }
                if (fetched.nextOffset() < fetched.endOffset()) {
                    signals.mark(p);
                }
                nextPartition = p + 1;
            }
        }
    }

    /** Reads on from a partition's position; a position retention deleted moves on to the log start. */
    private FetchResult fetchSkippingDeleted(int partition) {
        try {
            return logs.fetch(topic, partition, positions[partition], FETCH_RECORDS);
        } catch (OffsetOutOfRangeException e) {
            if (positions[partition] > e.endOffset()) {
                throw e;
            }
            return logs.fetch(topic, partition, e.startOffset(), FETCH_RECORDS);
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
        signals.close();
    }
}
