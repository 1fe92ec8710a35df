package io.partitionmq.jms;

import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.TopicMetadata;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What a CLIENT_ACKNOWLEDGE or transacted session has done since its last acknowledge, commit or rollback:
 * messages delivered but not acknowledged, and (transacted) messages sent but not yet appended to the log.
 */
final class SessionWork {
    private record Delivered(PartitionMQConsumer consumer, PartitionMQConsumer.Received received) {
    }

    private record Staged(TopicMetadata topic, int partition, ProducerRecord record) {
    }

    private final List<Delivered> delivered = new ArrayList<>();
    private final List<Staged> staged = new ArrayList<>();

    synchronized void delivered(PartitionMQConsumer consumer, PartitionMQConsumer.Received received) {
        delivered.add(new Delivered(consumer, received));
    }

    synchronized void staged(TopicMetadata topic, int partition, ProducerRecord record) {
        staged.add(new Staged(topic, partition, record));
    }

    /** Acknowledges every delivered message, in delivery order, and waits until that has taken effect. */
    void acceptDelivered() throws JMSException {
        Set<PartitionMQConsumer> consumers = new LinkedHashSet<>();
        for (Delivered message : takeDelivered()) {
            message.consumer().processed(message.received());
            consumers.add(message.consumer());
        }
        for (PartitionMQConsumer consumer : consumers) {
            consumer.awaitAcknowledged();
        }
    }

    /** Gives every delivered message back, newest first, so that they are delivered again in their order. */
    void releaseDelivered() {
        List<Delivered> messages = takeDelivered();
        for (int i = messages.size() - 1; i >= 0; i--) {
            messages.get(i).consumer().failed(messages.get(i).received());
        }
    }

    private synchronized List<Delivered> takeDelivered() {
        List<Delivered> taken = new ArrayList<>(delivered);
        delivered.clear();
        return taken;
    }

    /**
     * Appends the staged messages: all of a partition's as one batch (atomically, in the order sent), the
     * partitions in parallel.
     */
    void appendStaged(PartitionLogs logs) throws JMSException {
        Map<String, List<Staged>> byPartition = new LinkedHashMap<>();
        for (Staged message : takeStaged()) {
            byPartition.computeIfAbsent(message.topic().name() + "/" + message.partition(), k -> new ArrayList<>())
                    .add(message);
        }
        List<CompletableFuture<?>> appends = new ArrayList<>();
        for (List<Staged> batch : byPartition.values()) {
            Staged first = batch.get(0);
            appends.add(logs.appendAsync(first.topic(), first.partition(),
                    batch.stream().map(Staged::record).toList()).toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
            throw JmsErrors.translate(cause, "committing the session's messages");
        }
    }

    void discardStaged() {
        takeStaged();
    }

    private synchronized List<Staged> takeStaged() {
        List<Staged> taken = new ArrayList<>(staged);
        staged.clear();
        return taken;
    }
}
