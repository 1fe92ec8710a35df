package io.partitionmq.server;

import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.TopicDescription;
import io.partitionmq.log.TopicMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Topic management for the admin API: the web module's only way to the engine's topics. */
@ApplicationScoped
public class TopicAdministration {
    private static PartitionLogs logs() {
        return BrokerService.running().connect().logs();
    }

    public List<TopicDescription> topics() {
        PartitionLogs logs = logs();
        return logs.listTopics().stream().map(logs::describe).toList();
    }

    /**
     * Creates a topic; {@code partitions} null means the broker's default. Throws the engine's
     * InvalidTopicException or TopicExistsException for a request that cannot be met.
     */
    public TopicDescription create(String name, Integer partitions) {
        PartitionLogs logs = logs();
        int count = partitions != null ? partitions : BrokerService.running().config().defaultPartitions();
        TopicMetadata created = logs.createTopic(name, count);
        return logs.describe(created);
    }
}
