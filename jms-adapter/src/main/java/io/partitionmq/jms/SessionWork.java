package io.partitionmq.jms;

import io.partitionmq.log.BatchPreparer;
import io.partitionmq.log.PreparedAppend;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.transaction.ShareAccept;
import io.partitionmq.transaction.TransactionWork;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a CLIENT_ACKNOWLEDGE or transacted session has done since its last acknowledge, commit or rollback:
 * messages delivered but not acknowledged, and (transacted) messages sent but not yet appended to the log.
 */
final class SessionWork {
    private record Delivered(PartitionMQConsumer consumer, PartitionMQConsumer.Received received) {
    }

    private record Staged(TopicMetadata topic, int partition, ProducerRecord record) {
    }

    private List<Delivered> delivered = new ArrayList<>();
    private List<Staged> staged = new ArrayList<>();

    synchronized void delivered(PartitionMQConsumer consumer, PartitionMQConsumer.Received received) {
        delivered.add(new Delivered(consumer, received));
    }

    synchronized void staged(TopicMetadata topic, int partition, ProducerRecord record) {
        staged.add(new Staged(topic, partition, record));
    }

    /** Acknowledges every delivered message, in delivery order, and waits until that has taken effect. */
    void acceptDelivered() throws JMSException {
        take().acceptDelivered();
    }

    /** Gives every delivered message back and drops what was staged: a rollback or recover. */
    void discard() {
        take().rollBack();
    }

    /** What the session did so far, taken out of the session: it starts anew. */
    synchronized Pending take() {
        Pending pending = new Pending(delivered, staged);
        delivered = new ArrayList<>();
        staged = new ArrayList<>();
        return pending;
    }

    /** A transaction's (or an acknowledgement's) worth of work, on its way to being committed or rolled back. */
    static final class Pending {
        private final List<Delivered> delivered;
        private final List<Staged> staged;
        private TransactionWork work;

        private Pending(List<Delivered> delivered, List<Staged> staged) {
            this.delivered = delivered;
            this.staged = staged;
        }

        boolean isEmpty() {
            return delivered.isEmpty() && staged.isEmpty();
        }

        /**
         * The work as the brokers apply it: each partition's sends as one batch (in the order sent) and the
         * acceptances of queue and subscription messages (the same every time: its appends keep their sequence
         * numbers). Messages of non-durable subscribers are acknowledged by their consumer alone, in
         * {@link #committed}.
         */
        synchronized TransactionWork work(BatchPreparer batches) {
            if (work == null) {
                work = toWork(batches);
            }
            return work;
        }

        private TransactionWork toWork(BatchPreparer batches) {
            Map<String, List<Staged>> byPartition = new LinkedHashMap<>();
            for (Staged message : staged) {
                byPartition.computeIfAbsent(message.topic().name() + "/" + message.partition(),
                        k -> new ArrayList<>()).add(message);
            }
            List<PreparedAppend> appends = new ArrayList<>();
            for (List<Staged> batch : byPartition.values()) {
                appends.add(batches.prepare(batch.get(0).topic(), batch.get(0).partition(),
                        batch.stream().map(Staged::record).toList()));
            }
            Map<String, List<ShareAccept>> accepts = new LinkedHashMap<>();
            for (Delivered message : delivered) {
                ShareAccept accept = message.consumer().acceptanceOf(message.received());
                if (accept != null) {
                    accepts.computeIfAbsent(accept.topic() + "/" + accept.partition() + "/" + accept.group() + "/"
                            + accept.consumer(), k -> new ArrayList<>()).add(accept);
                }
            }
            return new TransactionWork(appends, accepts.values().stream().map(Pending::merged).toList());
        }

        private static ShareAccept merged(List<ShareAccept> accepts) {
            ShareAccept first = accepts.get(0);
            long[] offsets = accepts.stream().flatMapToLong(accept -> java.util.Arrays.stream(accept.offsets()))
                    .sorted().toArray();
            return new ShareAccept(first.topic(), first.partition(), first.group(), first.consumer(), offsets);
        }

        /** The brokers applied {@link #work}: what consumers acknowledge on their own is acknowledged now. */
        void committed() throws JMSException {
            for (Delivered message : delivered) {
                if (message.consumer().acceptanceOf(message.received()) == null) {
                    message.consumer().processed(message.received());
                }
            }
        }

        /** Acknowledges every delivered message through its consumer, and waits until that took effect. */
        void acceptDelivered() throws JMSException {
            Set<PartitionMQConsumer> consumers = new LinkedHashSet<>();
            for (Delivered message : delivered) {
                message.consumer().processed(message.received());
                consumers.add(message.consumer());
            }
            for (PartitionMQConsumer consumer : consumers) {
                consumer.awaitAcknowledged();
            }
        }

        /** Gives every delivered message back, newest first, so that they come again in their order. */
        void rollBack() {
            for (int i = delivered.size() - 1; i >= 0; i--) {
                delivered.get(i).consumer().failed(delivered.get(i).received());
            }
        }
    }
}
