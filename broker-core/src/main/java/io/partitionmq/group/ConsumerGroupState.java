package io.partitionmq.group;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A consumer group as its coordinator (the member owning the group's entry) keeps it: members with their
 * subscriptions and last heartbeat, the generation, the target assignment computed on the coordinator (members
 * receive it with their heartbeat, as in Kafka's KIP-848), what each member owns now, and the committed offsets.
 * A partition moves in two steps: its owner commits and releases it (on a heartbeat), then the coordinator
 * grants it to its new owner, so no partition ever has two owners.
 */
final class ConsumerGroupState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A member: what it subscribes to, how long it may stay silent, when it was last heard of. */
    record Member(Set<String> topics, long sessionTimeoutMillis, long lastHeard) implements Serializable {
    }

    /** A committed offset with the member's metadata. */
    record Committed(long offset, String metadata) implements Serializable {
    }

    int generation;
    AssignmentStrategy strategy = AssignmentStrategy.RANGE;
    final Map<String, Member> members = new TreeMap<>();
    final Map<String, Integer> partitions = new TreeMap<>();
    Map<String, List<TopicPartition>> target = new TreeMap<>();
    final Map<String, Set<TopicPartition>> owned = new TreeMap<>();
    final Map<TopicPartition, Committed> committed = new HashMap<>();
    long emptySince = -1;

    byte[] toBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A state a store kept; classes resolve with the engine's class loader, also inside a server. */
    static ConsumerGroupState fromBytes(byte[] state) {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(state)) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass description) throws java.io.IOException,
                    ClassNotFoundException {
                return Class.forName(description.getName(), false, ConsumerGroupState.class.getClassLoader());
            }
        }) {
            return (ConsumerGroupState) in.readObject();
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new IllegalStateException("a stored consumer group cannot be read", e);
        }
    }

    /** Drops members silent for longer than their session timeout; true if any was dropped. */
    boolean expire(long now) {
        boolean any = members.entrySet().removeIf(m -> now - m.getValue().lastHeard() > m.getValue()
                .sessionTimeoutMillis());
        owned.keySet().retainAll(members.keySet());
        if (any) {
            rebalance(now);
        }
        return any;
    }

    /** A new generation with a new target assignment of the partitions over the current members. */
    void rebalance(long now) {
        generation++;
        owned.keySet().retainAll(members.keySet());
        Map<String, Set<String>> subscriptions = new TreeMap<>();
        members.forEach((id, member) -> subscriptions.put(id, member.topics()));
        target = strategy.assign(subscriptions, partitions, target);
        emptySince = members.isEmpty() ? now : -1;
    }

    /**
     * A member reports what it still holds (having released what its target no longer has); it keeps that,
     * and is granted the partitions of its target that nobody else owns any more.
     */
    void reconcile(String member, Set<TopicPartition> held) {
        Set<TopicPartition> mine = owned.computeIfAbsent(member, m -> new TreeSet<>());
        mine.retainAll(held);
        for (TopicPartition partition : target.getOrDefault(member, List.of())) {
            boolean free = owned.values().stream().noneMatch(other -> other.contains(partition));
            if (free) {
                mine.add(partition);
            }
        }
    }

    GroupMembership membershipOf(String member) {
        return new GroupMembership(member, generation, new ArrayList<>(owned.getOrDefault(member, Set.of())),
                target.getOrDefault(member, List.of()));
    }

    boolean owns(String member, TopicPartition partition) {
        return owned.getOrDefault(member, Set.of()).contains(partition);
    }
}
