package io.partitionmq.jms;

import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.log.AcknowledgeType;
import io.partitionmq.log.RecordFilter;
import io.partitionmq.log.ShareAcceptor;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.PushedRecords;
import io.partitionmq.log.ShareOperations;
import io.partitionmq.log.ShareRecord;
import io.partitionmq.transaction.ShareAccept;
import io.partitionmq.log.TopicMetadata;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A consumer of a share group: a queue's (the group is named after the queue) or a durable or shared
 * subscription's. It acquires a few records at a time under a lock; each delivered record is accepted or
 * released; the records it acquired but never delivered go back when it closes, and any it held when its
 * process died come back when their lock expires.
 *
 * <p>A consumer that would wait for a record and finds none waits on the partitions' leaders instead of asking
 * again on every append: each leader pushes it what it can take as records arrive (or are released), in the
 * operation that appends them, so a record reaches a waiting consumer in one replicated hop, until it has been
 * pushed its prefetch. While it waits on a partition, that partition's append signals are ignored (asking would
 * overtake a push); the push that ends the wait, or the end of its time, makes it ask again.
 */
final class ShareGroupSource implements RecordSource {
    private static final System.Logger LOG = System.getLogger(ShareGroupSource.class.getName());
    /** Acquired ahead per partition: more means fewer round trips, and more records held by a slow consumer. */
    private static final int PREFETCH = 100;

    private final ShareOperations shares;
    private final String topic;
    private final String group;
    private final String consumer = UUID.randomUUID().toString();
    private final ShareGroups.Settings settings;
    private final RecordFilter filter;
    private final PartitionSignals signals;
    private final ShareAcceptor acceptor;
    private final ArrayDeque<Delivery> acquired = new ArrayDeque<>();
    private int nextPartition;
    private final AutoCloseable pushes;
    /** Pushed records, in arrival order, not yet moved to {@link #acquired}. */
    private final ConcurrentLinkedQueue<Delivery> pushed = new ConcurrentLinkedQueue<>();
    /**
     * Per partition: until when (System.nanoTime) this consumer waits on its leader without asking again; 0 when
     * it does not wait there.
     */
    private final AtomicLongArray waitingUntil;
    /** Per partition: its leader could not take a wait (nothing was ever appended there): ask it on a signal. */
    private final boolean[] unwaitable;
    /** Per partition: waits ended by a push, to tell whether one ended while a waiting acquisition was answered. */
    private final AtomicIntegerArray waitEnds;

    /** @param filter the consumer's selector, evaluated by the partition leaders; null for none */
    ShareGroupSource(BrokerConnection broker, TopicMetadata topic, String group, ShareGroups.Settings settings,
            RecordFilter filter, Runnable onAppend) {
        this.filter = filter;
        this.shares = broker.shares();
        this.topic = topic.name();
        this.group = group;
        this.settings = settings;
        this.signals = new PartitionSignals(broker.logs(), topic, this::waitsOn, onAppend);
        this.acceptor = new ShareAcceptor(shares, this.topic, group, consumer, settings);
        this.waitingUntil = new AtomicLongArray(signals.partitions());
        this.waitEnds = new AtomicIntegerArray(signals.partitions());
        this.unwaitable = new boolean[signals.partitions()];
        this.pushes = shares.receivePushes(consumer, push -> pushed(push, onAppend));
    }

    /** On an event thread: the records join the queue before the wait ends, so an acquisition cannot pass them. */
    private void pushed(PushedRecords push, Runnable onAppend) {
        int p = push.partition();
        for (ShareRecord record : push.acquired()) {
            pushed.add(new Delivery(p, record.record(), record.deliveryCount()));
        }
        if (push.waitEnded() && p < waitEnds.length()) {
            waitEnds.incrementAndGet(p);
            waitingUntil.set(p, 0);
            signals.mark(p);
        }
        onAppend.run();
    }

    @Override
    public Delivery next(long waitMillis) {
        takePushed();
        if (acquired.isEmpty()) {
            acquire(waitMillis);
        }
        return acquired.poll();
    }

    /** Whether the consumer waits on the partition's leader, not yet due to renew the wait. */
    private boolean waitsOn(int partition) {
        return LeaderWait.waiting(waitingUntil.get(partition));
    }

    private void takePushed() {
        for (Delivery delivery = pushed.poll(); delivery != null; delivery = pushed.poll()) {
            acquired.add(delivery);
        }
    }

    private void acquire(long waitMillis) {
        long wait = LeaderWait.forCaller(waitMillis);
        int partitions = signals.partitions();
        int first = nextPartition;
        for (int i = 0; i < partitions; i++) {
            // Records pushed meanwhile go first: they are older than anything their partition would give now.
            takePushed();
            if (!acquired.isEmpty()) {
                return;
            }
            int p = (first + i) % partitions;
            long until = waitingUntil.get(p);
            if (LeaderWait.waiting(until)) {
                continue;
            }
            // In partition order a partition may have become free without an append: it is asked every time. A
            // consumer that will wait asks every partition it does not wait on yet, so as to wait there.
            if (signals.take(p) || settings.ordered() || until != 0 || (wait > 0 && !unwaitable[p])) {
                int endsBefore = waitEnds.get(p);
                long asked = System.nanoTime();
                ShareGroups.Acquisition got = shares.acquireOrWait(topic, p, group, consumer, PREFETCH, settings,
                        filter, wait);
                unwaitable[p] = wait > 0 && !got.waiting() && got.records().isEmpty();
                for (ShareRecord record : got.records()) {
                    acquired.add(new Delivery(p, record.record(), record.deliveryCount()));
                }
                // Renewing while the leader still pushes is safe: what the renewal can bring back (redeliveries,
                // delayed records that came due) has no order to keep with a push in flight.
                waitingUntil.set(p, got.waiting() ? LeaderWait.renewalDue(asked, wait) : 0);
                if (waitEnds.get(p) != endsBefore) {
                    waitingUntil.set(p, 0); // the push that ended this wait came before its reply
                }
                if (got.records().size() == PREFETCH) {
                    signals.mark(p);
                }
                nextPartition = p + 1;
            }
        }
    }

    /** Accepts without waiting: the next receive need not wait for the acknowledgement's round trip. */
    @Override
    public void accept(Delivery delivery) {
        acceptor.accept(delivery.partition(), delivery.record().offset());
    }

    @Override
    public ShareAccept acceptanceOf(Delivery delivery) {
        return new ShareAccept(topic, delivery.partition(), group, consumer, new long[] {delivery.record().offset()});
    }

    @Override
    public void awaitAccepted() {
        acceptor.awaitApplied();
    }

    @Override
    public void release(Delivery delivery) {
        acknowledge(delivery, AcknowledgeType.RELEASE);
        signals.mark(delivery.partition());
    }

    private void acknowledge(Delivery delivery, AcknowledgeType type) {
        boolean[] done = shares.acknowledge(topic, delivery.partition(), group, consumer,
                new long[] {delivery.record().offset()}, type, settings);
        if (!done[0]) {
            LOG.log(Level.WARNING, "{0} of {1}/{2} at offset {3} came too late: the lock had expired and the"
                    + " message may be delivered again", type, topic, delivery.partition(), delivery.record().offset());
        }
    }

    @Override
    public void refresh() {
        signals.refresh();
    }

    @Override
    public void returnUndelivered() {
        takePushed();
        Map<Integer, List<Long>> byPartition = new TreeMap<>();
        for (Delivery undelivered : acquired) {
            byPartition.computeIfAbsent(undelivered.partition(), p -> new ArrayList<>())
                    .add(undelivered.record().offset());
        }
        acquired.clear();
        try {
            for (Map.Entry<Integer, List<Long>> partition : byPartition.entrySet()) {
                shares.acknowledge(topic, partition.getKey(), group, consumer,
                        partition.getValue().stream().mapToLong(Long::longValue).toArray(), AcknowledgeType.RETURN,
                        settings);
                signals.mark(partition.getKey());
                waitingUntil.set(partition.getKey(), 0);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "returning prefetched messages of " + topic + " failed; they come back when"
                    + " their lock expires", e);
        }
    }

    /** Ends the waits on the leaders first, so that nothing more is pushed, then gives back what was. */
    @Override
    public void idle() {
        stopWaiting();
        returnUndelivered();
    }

    private void stopWaiting() {
        for (int p = 0; p < waitingUntil.length(); p++) {
            if (waitingUntil.getAndSet(p, 0) != 0) {
                shares.stopWaiting(topic, p, group, consumer);
            }
        }
    }

    private void stopReceivingPushes() {
        try {
            pushes.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "no longer receiving pushes to " + consumer + " failed", e);
        }
    }

    @Override
    public void close() {
        try {
            // From now on pushes to this consumer are given back by the connection.
            stopReceivingPushes();
            returnUndelivered();
            stopWaiting();
            awaitAccepted();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing a consumer of " + topic + " before its acknowledgements were applied;"
                    + " those messages may be delivered again", e);
        } finally {
            signals.close();
        }
    }
}
