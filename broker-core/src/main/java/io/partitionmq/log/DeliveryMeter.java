package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the partitions a member leads hand out to readers, per topic, since the member started: records delivered
 * (fetched by consumers and subscribers, acquired by queue consumers) and the bytes of the batches sent for them.
 * Kept in the member's user context; the partition threads count, metrics read.
 */
public final class DeliveryMeter {
    /** The user-context key under which a broker member keeps its meter. */
    public static final String CONTEXT_KEY = "partitionmq.log.delivery.meter";

    /** One topic's totals. */
    public record Delivered(long records, long bytes) {
    }

    private final Map<String, LongAdder[]> byTopic = new ConcurrentHashMap<>();

    /** The member's meter, or null for a member started without one (then nothing is counted). */
    static DeliveryMeter of(HazelcastInstance member) {
        return member == null ? null : (DeliveryMeter) member.getUserContext().get(CONTEXT_KEY);
    }

    void count(String topic, long records, long bytes) {
        if (records > 0) {
            LongAdder[] totals = byTopic.computeIfAbsent(topic, t -> new LongAdder[] {new LongAdder(), new LongAdder()});
            totals[0].add(records);
            totals[1].add(bytes);
        }
    }

    /** The totals so far, by topic. */
    public Map<String, Delivered> snapshot() {
        Map<String, Delivered> snapshot = new TreeMap<>();
        byTopic.forEach((topic, totals) -> snapshot.put(topic, new Delivered(totals[0].sum(), totals[1].sum())));
        return snapshot;
    }

    /** Forgets a deleted topic. */
    public void forget(String topic) {
        byTopic.remove(topic);
    }
}
