package io.partitionmq.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the workload saw: each send attempt and whether the broker acknowledged it, each delivery in arrival
 * order. {@link #check} compares them: every acknowledged message consumed, duplicates counted, each key's
 * messages (one partition each) first delivered in the order they were sent, redelivered ones aside, and no
 * offset of a partition given to two different messages.
 */
final class History {
    /**
     * One delivery: the message's sequence number, its key, whether the broker marked it redelivered, and where it
     * is in the log (partition and offset).
     */
    record Delivery(int sequence, String key, boolean redelivered, int partition, long offset, long atNanos) {
    }

    /** The verdict, with the figures to report. */
    record Verdict(int attempted, int acknowledged, int failedAttempts, int consumed, int distinctConsumed,
                   int duplicates, List<Integer> lost, List<String> orderViolations, List<String> reusedOffsets) {
        boolean passed() {
            return lost.isEmpty() && orderViolations.isEmpty() && reusedOffsets.isEmpty();
        }
    }

    private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    void attempted() {
        attempts.incrementAndGet();
    }

    void acknowledged(int sequence) {
        acknowledged.add(sequence);
    }

    void failed() {
        failedAttempts.incrementAndGet();
    }

    void delivered(Delivery delivery) {
        deliveries.add(delivery);
    }

    /** How many messages have been delivered at least once. */
    int distinctDelivered() {
        return (int) deliveries.stream().mapToInt(Delivery::sequence).distinct().count();
    }

    /** Whether every acknowledged message has been delivered at least once. */
    boolean allDelivered() {
        Set<Integer> seen = new HashSet<>();
        deliveries.forEach(delivery -> seen.add(delivery.sequence()));
        return seen.containsAll(acknowledged);
    }

    Verdict check() {
        Set<Integer> seen = new HashSet<>();
        Map<String, Integer> lastFirstDelivery = new HashMap<>();
        List<String> violations = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        List<String> reused = new ArrayList<>();
        int duplicates = 0;
        for (Delivery delivery : deliveries) {
            String position = delivery.partition() + "@" + delivery.offset();
            Integer holder = positions.putIfAbsent(position, delivery.sequence());
            if (holder != null && holder != delivery.sequence() && reused.size() < 20) {
                reused.add("partition " + position + " held " + holder + ", then " + delivery.sequence());
            }
            if (!seen.add(delivery.sequence())) {
                duplicates++;
                continue;
            }
            if (delivery.redelivered()) {
                continue; // JMS lets a redelivered message arrive out of order
            }
            Integer previous = lastFirstDelivery.put(delivery.key(), delivery.sequence());
            if (previous != null && previous > delivery.sequence() && violations.size() < 20) {
                violations.add(delivery.key() + ": " + delivery.sequence() + " after " + previous);
            }
        }
        List<Integer> lost = acknowledged.stream().filter(sequence -> !seen.contains(sequence)).sorted().toList();
        return new Verdict(attempts.get(), acknowledged.size(), failedAttempts.get(), deliveries.size(), seen.size(),
                duplicates, lost, violations, reused);
    }
}
