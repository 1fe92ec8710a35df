package io.partitionmq.log;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A producer's identity: encodes and checks batches for their partitions and stamps each with the producer's id
 * and the partition's next sequence number, so that a batch sent again lands once (see ProducerSequences).
 * Runs where the producer runs; nothing here talks to a broker.
 */
public final class BatchPreparer {
    private final long producerId = new SecureRandom().nextLong();
    private final Map<PartitionKey, AtomicLong> sequences = new ConcurrentHashMap<>();

    /**
     * Encodes records as one batch for a partition.
     *
     * @throws RecordTooLargeException if the batch is above the topic's {@code max.message.bytes}
     */
    public PreparedAppend prepare(TopicMetadata topic, int partition, List<ProducerRecord> records) {
        topic.requirePartition(partition);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one record");
        }
        return prepare(topic, partition, RecordCodec.encode(records), records.size());
    }

    /** Stamps a batch already encoded ({@link RecordCodec}). */
    public PreparedAppend prepare(TopicMetadata topic, int partition, byte[] payload, int count) {
        if (payload.length > topic.config().maxMessageBytes()) {
            throw new RecordTooLargeException(topic.name(), payload.length, topic.config().maxMessageBytes());
        }
        long sequence = sequences.computeIfAbsent(new PartitionKey(topic.name(), partition), k -> new AtomicLong())
                .getAndIncrement();
        return new PreparedAppend(topic.name(), partition, producerId, sequence, payload, count);
    }
}
