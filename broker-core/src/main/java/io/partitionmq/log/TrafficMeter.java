package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What flows through the partitions a member leads, per topic, since the member started: records appended and
 * their batches' bytes (in), records delivered to readers — fetched by consumers and subscribers, acquired by
 * queue consumers, redeliveries included — and the bytes of the batches sent for them (out). Kept in the
 * member's user context; the partition threads count, status and metrics read.
 */
public final class TrafficMeter {
    /** The user-context key under which a broker member keeps its meter. */
    public static final String CONTEXT_KEY = "partitionmq.log.traffic.meter";

    /** One topic's totals, or a member's. */
    public record Traffic(long recordsIn, long bytesIn, long recordsOut, long bytesOut) {
    }

    private static final int RECORDS_IN = 0;
    private static final int BYTES_IN = 1;
    private static final int RECORDS_OUT = 2;
    private static final int BYTES_OUT = 3;

    private final Map<String, LongAdder[]> byTopic = new ConcurrentHashMap<>();

    /** The member's meter, or null for a member started without one (then nothing is counted). */
    static TrafficMeter of(HazelcastInstance member) {
        return member == null ? null : (TrafficMeter) member.getUserContext().get(CONTEXT_KEY);
    }

    void appended(String topic, long records, long bytes) {
        add(topic, RECORDS_IN, records, bytes);
    }

    void delivered(String topic, long records, long bytes) {
        add(topic, RECORDS_OUT, records, bytes);
    }

    private void add(String topic, int recordsSlot, long records, long bytes) {
        if (records > 0) {
            LongAdder[] totals = byTopic.computeIfAbsent(topic, t -> new LongAdder[] {new LongAdder(),
                    new LongAdder(), new LongAdder(), new LongAdder()});
            totals[recordsSlot].add(records);
            totals[recordsSlot + 1].add(bytes);
        }
    }

    /** The totals so far, by topic. */
    public Map<String, Traffic> snapshot() {
        Map<String, Traffic> snapshot = new TreeMap<>();
        byTopic.forEach((topic, totals) -> snapshot.put(topic, new Traffic(totals[RECORDS_IN].sum(),
                totals[BYTES_IN].sum(), totals[RECORDS_OUT].sum(), totals[BYTES_OUT].sum())));
        return snapshot;
    }

    /** The totals over all topics. */
    public Traffic total() {
        long[] sums = new long[4];
        byTopic.values().forEach(totals -> {
            for (int slot = 0; slot < sums.length; slot++) {
                sums[slot] += totals[slot].sum();
            }
        });
        return new Traffic(sums[RECORDS_IN], sums[BYTES_IN], sums[RECORDS_OUT], sums[BYTES_OUT]);
    }

    /** Forgets a deleted topic. */
    void forget(String topic) {
        byTopic.remove(topic);
    }
}
