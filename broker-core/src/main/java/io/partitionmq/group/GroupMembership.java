package io.partitionmq.group;

import java.io.Serializable;
import java.util.List;

/**
 * A member's place in its group: its id, the group's generation, the partitions it owns now (it may read and
 * commit them) and its target (what it will own once the others released theirs).
 */
public record GroupMembership(String memberId, int generation, List<TopicPartition> assignment,
                              List<TopicPartition> target) implements Serializable {
    public GroupMembership {
        assignment = List.copyOf(assignment);
        target = List.copyOf(target);
    }

    /** Partitions owned now that the target no longer has: to be committed and released. */
    public List<TopicPartition> revoked() {
        return assignment.stream().filter(p -> !target.contains(p)).toList();
    }

    /** Whether the member owns exactly its target (no partition is on its way in or out). */
    public boolean settled() {
        return new java.util.HashSet<>(assignment).equals(new java.util.HashSet<>(target));
    }
}
