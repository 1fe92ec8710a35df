package io.partitionmq.server;

import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.TopicDescription;
import io.partitionmq.log.TopicMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import io.partitionmq.log.UnknownTopicException;
import java.util.List;
import java.util.Map;

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

    /** One topic; throws the engine's UnknownTopicException if there is none. */
    public TopicDescription topic(String name) {
        PartitionLogs logs = logs();
        return logs.describe(logs.findTopic(name).orElseThrow(() -> new UnknownTopicException(name)));
    }

    /** Changes Kafka-named settings of a topic at runtime. */
    public TopicDescription alterConfig(String name, Map<String, String> changes) {
        PartitionLogs logs = logs();
        return logs.describe(logs.alterConfig(name, changes));
    }

    /** Raises a topic's partition count. */
    public TopicDescription addPartitions(String name, int count) {
        PartitionLogs logs = logs();
        return logs.describe(logs.addPartitions(name, count));
    }

    /** Deletes a topic with its data. */
    public void delete(String name) {
        logs().deleteTopic(name);
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
