package io.partitionmq.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a consumer group's partitions are spread over its members (Kafka's assignors). Every partition goes to
 * exactly one member.
 */
public enum AssignmentStrategy {
    /** Per topic, contiguous ranges of partitions to the members in order; the first ones get one more. */
    RANGE,
    /** All partitions, in order, dealt to the members in turn. */
    ROUND_ROBIN,
    /** Balanced, moving as few partitions as possible from their previous owners. */
    STICKY;

    /** The strategy by name (range, round-robin, sticky), refusing an unknown one by naming the known ones. */
    public static AssignmentStrategy parse(String name) {
        for (AssignmentStrategy strategy : values()) {
            if (strategy.name().replace('_', '-').equalsIgnoreCase(name) || strategy.name().equalsIgnoreCase(name)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown assignment strategy '" + name
                + "'; known are range, round-robin and sticky");
    }

    /**
     * @param members    the members, each with the topics it subscribes to
     * @param partitions the partition count of each subscribed topic
     * @param previous   the assignment before this rebalance (used by STICKY)
     */
    public Map<String, List<TopicPartition>> assign(Map<String, ? extends java.util.Collection<String>> members,
            Map<String, Integer> partitions, Map<String, List<TopicPartition>> previous) {
        Map<String, List<TopicPartition>> assignment = new TreeMap<>();
        members.keySet().forEach(member -> assignment.put(member, new ArrayList<>()));
        if (members.isEmpty()) {
            return assignment;
        }
        switch (this) {
            case RANGE -> range(members, partitions, assignment);
            case ROUND_ROBIN -> roundRobin(members, partitions, assignment);
            case STICKY -> sticky(members, partitions, previous, assignment);
        }
        assignment.values().forEach(list -> list.sort(null));
        return assignment;
    }

    private static SortedSet<TopicPartition> all(Map<String, Integer> partitions) {
        SortedSet<TopicPartition> all = new TreeSet<>();
        partitions.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                all.add(new TopicPartition(topic, p));
            }
        });
        return all;
    }

    private static void range(Map<String, ? extends java.util.Collection<String>> members,
            Map<String, Integer> partitions, Map<String, List<TopicPartition>> assignment) {
        for (Map.Entry<String, Integer> topic : new TreeMap<>(partitions).entrySet()) {
            List<String> subscribers = members.entrySet().stream()
                    .filter(m -> m.getValue().contains(topic.getKey())).map(Map.Entry::getKey).sorted().toList();
            if (subscribers.isEmpty()) {
                continue;
            }
            int each = topic.getValue() / subscribers.size();
            int extra = topic.getValue() % subscribers.size();
            int next = 0;
            for (int i = 0; i < subscribers.size(); i++) {
                int count = each + (i < extra ? 1 : 0);
                for (int p = 0; p < count; p++) {
                    assignment.get(subscribers.get(i)).add(new TopicPartition(topic.getKey(), next++));
                }
            }
        }
    }

    private static void roundRobin(Map<String, ? extends java.util.Collection<String>> members,
            Map<String, Integer> partitions, Map<String, List<TopicPartition>> assignment) {
        List<String> order = members.keySet().stream().sorted().toList();
        int turn = 0;
        for (TopicPartition partition : all(partitions)) {
            for (int tried = 0; tried < order.size(); tried++) {
                String member = order.get(turn++ % order.size());
                if (members.get(member).contains(partition.topic())) {
                    assignment.get(member).add(partition);
                    break;
                }
            }
        }
    }

    /** Keeps each partition with its previous owner while that owner stays under its fair share. */
    private static void sticky(Map<String, ? extends java.util.Collection<String>> members,
            Map<String, Integer> partitions, Map<String, List<TopicPartition>> previous,
            Map<String, List<TopicPartition>> assignment) {
        SortedSet<TopicPartition> unassigned = all(partitions);
        int total = unassigned.size();
        int fair = total / members.size();
        int withExtra = total % members.size();
        Map<String, Integer> quota = new HashMap<>();
        List<String> order = members.keySet().stream().sorted().toList();
        List<String> byPrevious = new ArrayList<>(order);
        byPrevious.sort((a, b) -> Integer.compare(previous.getOrDefault(b, List.of()).size(),
                previous.getOrDefault(a, List.of()).size()));
        for (String member : byPrevious) {
            quota.put(member, fair + (withExtra-- > 0 ? 1 : 0));
        }
        for (String member : order) {
            for (TopicPartition kept : previous.getOrDefault(member, List.of())) {
                if (assignment.get(member).size() < quota.get(member) && unassigned.contains(kept)
                        && members.get(member).contains(kept.topic())) {
                    assignment.get(member).add(kept);
                    unassigned.remove(kept);
                }
            }
        }
        for (TopicPartition partition : unassigned) {
            String target = order.stream().filter(m -> members.get(m).contains(partition.topic()))
                    .min((a, b) -> Integer.compare(assignment.get(a).size() - quota.get(a),
                            assignment.get(b).size() - quota.get(b)))
                    .orElse(null);
            if (target != null) {
                assignment.get(target).add(partition);
            }
        }
    }
}
