package io.partitionmq.admin;

import io.partitionmq.group.GroupDescription;
import io.partitionmq.group.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A consumer group as the API shows it: members and what they own, committed offset and lag per partition. */
public record GroupView(String name, int generation, String strategy, long totalLag,
                        Map<String, List<String>> members, List<PartitionLag> partitions) {
    /** One partition's committed offset (null without a commit) and lag. */
    public record PartitionLag(String topic, int partition, Long committed, long lag) {
    }

    static GroupView of(GroupDescription group) {
        Map<String, List<String>> members = new TreeMap<>();
        group.members().forEach((member, owned) -> members.put(member,
                owned.stream().map(TopicPartition::toString).toList()));
        List<PartitionLag> partitions = group.lag().entrySet().stream()
                .map(e -> new PartitionLag(e.getKey().topic(), e.getKey().partition(),
                        group.committed().get(e.getKey()), e.getValue())).toList();
        return new GroupView(group.group(), group.generation(), group.strategy().name().toLowerCase(
                java.util.Locale.ROOT), group.totalLag(), members, partitions);
    }
}
