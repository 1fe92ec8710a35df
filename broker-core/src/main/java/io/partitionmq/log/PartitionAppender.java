package io.partitionmq.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Appends records sent one at a time (by any number of threads) in as few batches as possible, like a Kafka
 * producer's accumulator without a linger: per partition one batch is in flight, and the records sent meanwhile
 * go together in the next, up to {@link #MAX_BATCH_BYTES} ({@link Coalescer}). A record's stage
 * completes with its offset once the leader and its backups hold it. Per partition, records land in the order
 * they were sent.
 */
public final class PartitionAppender {
    /**
     * Batches stay below the Hazelcast client's 128 KiB socket buffer: measured here, batches of 300 KiB and more
     * sent from the reply thread stalled about a second each, those of up to 120 KiB never did.
     */
    static final int MAX_BATCH_BYTES = 100 * 1024;

    /** A record on its way: encoded, with the topic it goes to (whose settings bound its batch). */
    private record Encoded(TopicMetadata topic, byte[] bytes) {
    }

    private final Coalescer<PartitionKey, Encoded, Long> appends;

    public PartitionAppender(LogOperations logs, BatchPreparer batches) {
        this.appends = new Coalescer<>((key, records) -> {
            byte[] payload = RecordCodec.batchOf(records.stream().map(Encoded::bytes).toList());
            return logs.appendAsync(batches.prepare(records.get(0).topic(), key.partition(), payload, records.size()))
                    .thenApply(appended -> {
                        List<Long> offsets = new ArrayList<>(records.size());
                        for (int i = 0; i < records.size(); i++) {
                            offsets.add(appended.baseOffset() + i);
                        }
                        return offsets;
                    });
        }, first -> Math.min(MAX_BATCH_BYTES, first.topic().config().maxMessageBytes()) - RecordCodec.BATCH_HEADER);
    }

    /**
     * Sends one record; the stage completes with its offset. A record that cannot fit in a batch of the topic is
     * refused here, with nothing written.
     *
     * @throws RecordTooLargeException if the record is above the topic's {@code max.message.bytes}
     */
    public CompletableFuture<Long> append(TopicMetadata topic, int partition, ProducerRecord record) {
        topic.requirePartition(partition);
        byte[] encoded = RecordCodec.encodeRecord(record);
        int limit = topic.config().maxMessageBytes();
        if (encoded.length + RecordCodec.BATCH_HEADER > limit) {
            throw new RecordTooLargeException(topic.name(), encoded.length + RecordCodec.BATCH_HEADER, limit);
        }
        return appends.submit(new PartitionKey(topic.name(), partition), new Encoded(topic, encoded), encoded.length);
    }

    /** Waits until every record sent so far has been appended (or failed, which is thrown). */
    public void awaitAll() {
        appends.awaitAll();
    }
}
