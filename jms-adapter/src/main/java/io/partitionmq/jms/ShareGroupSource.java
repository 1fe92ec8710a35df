package io.partitionmq.jms;

import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.log.AcknowledgeType;
import io.partitionmq.log.RecordFilter;
import io.partitionmq.log.ShareAcceptor;
import io.partitionmq.log.ShareGroups;
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

/**
 * A consumer of a share group: a queue's (the group is named after the queue) or a durable or shared
 * subscription's. It acquires a few records at a time under a lock; each delivered record is accepted or
 * released; the records it acquired but never delivered go back when it closes, and any it held when its
 * process died come back when their lock expires.
 */
final class ShareGroupSource implements RecordSource {
    private static final System.Logger LOG = System.getLogger(ShareGroupSource.class.getName());
    /** Acquired ahead per partition: more means fewer round trips, and more records held by a slow consumer. */
    private static final int PREFETCH = 100;

    private final ShareGroups shares;
    private final String topic;
    private final String group;
    private final String consumer = UUID.randomUUID().toString();
    private final ShareGroups.Settings settings;
    private final RecordFilter filter;
    private final PartitionSignals signals;
    private final ShareAcceptor acceptor;
    private final ArrayDeque<Delivery> acquired = new ArrayDeque<>();
    private int nextPartition;

    /** @param filter the consumer's selector, evaluated by the partition leaders; null for none */
    ShareGroupSource(BrokerConnection broker, TopicMetadata topic, String group, ShareGroups.Settings settings,
            RecordFilter filter, Runnable onAppend) {
        this.filter = filter;
        this.shares = broker.shares();
        this.topic = topic.name();
        this.group = group;
        this.settings = settings;
        this.signals = new PartitionSignals(broker.logs(), topic, onAppend);
        this.acceptor = new ShareAcceptor(shares, this.topic, group, consumer, settings);
    }

    @Override
    public Delivery next() {
        if (acquired.isEmpty()) {
            acquire();
        }
        return acquired.poll();
    }

    private void acquire() {
        int partitions = signals.partitions();
        int first = nextPartition;
        for (int i = 0; i < partitions && acquired.isEmpty(); i++) {
            int p = (first + i) % partitions;
            // In partition order a partition may have become free without an append: it is asked every time.
            if (signals.take(p) || settings.ordered()) {
                List<ShareRecord> got = shares.acquire(topic, p, group, consumer, PREFETCH, settings, filter);
                for (ShareRecord record : got) {
                    acquired.add(new Delivery(p, record.record(), record.deliveryCount()));
                }
                if (got.size() == PREFETCH) {
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
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "returning prefetched messages of " + topic + " failed; they come back when"
                    + " their lock expires", e);
        }
    }

    @Override
    public void close() {
        try {
            returnUndelivered();
            awaitAccepted();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing a consumer of " + topic + " before its acknowledgements were applied;"
                    + " those messages may be delivered again", e);
        } finally {
            signals.close();
        }
    }
}
