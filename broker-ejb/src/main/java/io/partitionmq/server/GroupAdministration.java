package io.partitionmq.server;

import io.partitionmq.group.ConsumerGroups;
import io.partitionmq.group.GroupDescription;
import io.partitionmq.group.OffsetReset;
import io.partitionmq.group.TopicPartition;
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
