package io.partitionmq.log;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest batches each producer appended to one partition, by the producer's sequence number, so that an
 * append sent again (Hazelcast retries an operation whose leader died after its backup applied it) is answered
 * with its first offsets instead of landing twice: Kafka's idempotent producer, on the partition state. Kept by
 * the leader and every backup alike, so a promoted backup recognises the retry.
 */
final class ProducerSequences {
    /** Batches remembered per producer: more than any producer keeps in flight to one partition. */
    static final int BATCHES_PER_PRODUCER = 16;
    /** Producers remembered per partition; the least recently active are forgotten first. */
    static final int PRODUCERS = 1024;

    /** An appended batch: its producer's sequence number, its first offset and its append time. */
    record Appended(long sequence, long baseOffset, long appendTime) {
    }

    private final LinkedHashMap<Long, ArrayDeque<Appended>> producers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ArrayDeque<Appended>> eldest) {
            return size() > PRODUCERS;
        }
    };

    /** The batch this producer appended with this sequence number, if it is remembered. */
    Appended find(long producer, long sequence) {
        ArrayDeque<Appended> recent = producers.get(producer);
        if (recent != null) {
            for (Appended batch : recent) {
                if (batch.sequence() == sequence) {
                    return batch;
                }
            }
        }
        return null;
    }

    void record(long producer, Appended batch) {
        ArrayDeque<Appended> recent = producers.computeIfAbsent(producer, p -> new ArrayDeque<>());
        if (recent.size() == BATCHES_PER_PRODUCER) {
            recent.removeFirst();
        }
        recent.addLast(batch);
    }

    /** The remembered batches' producers and sequence numbers, by batch base offset: what a store keeps. */
    Map<Long, LogStore.ProducerStamp> stamps() {
        Map<Long, LogStore.ProducerStamp> stamps = new java.util.HashMap<>();
        producers.forEach((producer, recent) -> recent.forEach(batch ->
                stamps.put(batch.baseOffset(), new LogStore.ProducerStamp(producer, batch.sequence()))));
        return stamps;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(producers.size());
        for (Map.Entry<Long, ArrayDeque<Appended>> producer : producers.entrySet()) {
            out.writeLong(producer.getKey());
            out.writeInt(producer.getValue().size());
            for (Appended batch : producer.getValue()) {
                out.writeLong(batch.sequence());
                out.writeLong(batch.baseOffset());
                out.writeLong(batch.appendTime());
            }
        }
    }

    void read(DataInput in) throws IOException {
        producers.clear();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            long producer = in.readLong();
            int batches = in.readInt();
            for (int b = 0; b < batches; b++) {
                record(producer, new Appended(in.readLong(), in.readLong(), in.readLong()));
            }
        }
    }
}
