package io.partitionmq.server;

import io.partitionmq.cluster.DirectConnection;
import io.partitionmq.group.ConsumerGroups;
import io.partitionmq.group.GroupDescription;
import io.partitionmq.group.OffsetReset;
import io.partitionmq.group.TopicPartition;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ShareGroupDescription;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.log.UnknownTopicException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Consumer group management for the admin API: the web module's only way to the engine's groups. */
@ApplicationScoped
public class GroupAdministration {
    private static ConsumerGroups groups() {
        return BrokerService.running().connect().groups();
    }

    public List<String> names() {
        return groups().list();
    }

    public GroupDescription describe(String group) {
        return groups().describe(group);
    }

    /** A topic's share groups (queue semantics) and how many of its records were dead-lettered. */
    public record ShareGroupsOfTopic(String topic, long deadLettered, List<ShareGroupDescription> groups) {
    }

    /** The share groups of a topic: in flight and available per partition; dead-lettered from its DLQ topic. */
    public ShareGroupsOfTopic shareGroups(String topic) {
        DirectConnection broker = BrokerService.running().connect();
        PartitionLogs logs = broker.logs();
        TopicMetadata metadata = logs.findTopic(topic).orElseThrow(() -> new UnknownTopicException(topic));
        long deadLettered = logs.findTopic(topic + ShareGroups.DEAD_LETTER_SUFFIX)
                .map(dlq -> logs.describe(dlq).records()).orElse(0L);
        return new ShareGroupsOfTopic(topic, deadLettered, broker.shares().describe(metadata));
    }

    /** Plans a reset; unless {@code dryRun}, commits it (only allowed while the group has no active member). */
    public Map<TopicPartition, Long> reset(String group, OffsetReset reset, boolean dryRun) {
        ConsumerGroups groups = groups();
        Map<TopicPartition, Long> planned = groups.planReset(group, reset);
        if (!dryRun) {
            groups.resetOffsets(group, planned);
        }
        return planned;
    }
}
