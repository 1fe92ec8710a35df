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

    /** One page of the topics whose name contains {@code search} (any case), by name, and how many match. */
    public record TopicPage(int total, List<TopicDescription> topics) {
    }

    /** Only the page's topics are described (their partitions asked for offsets): it stays fast with thousands. */
    public TopicPage topics(String search, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("offset must be 0 or more and limit between 1 and 1000, got offset "
                    + offset + " and limit " + limit);
        }
        PartitionLogs logs = logs();
        String wanted = search == null ? "" : search.toLowerCase(java.util.Locale.ROOT);
        List<TopicMetadata> matching = logs.listTopics().stream()
                .filter(topic -> topic.name().toLowerCase(java.util.Locale.ROOT).contains(wanted)).toList();
        List<TopicDescription> page = matching.stream().skip(offset).limit(limit).map(logs::describe).toList();
        return new TopicPage(matching.size(), page);
    }

    /** Where each of a topic's partitions lives: leader and backups by broker id. */
    public List<io.partitionmq.cluster.PartitionPlacement> placement(TopicDescription topic) {
        return BrokerService.running().placementOf(topic.name(), topic.partitions());
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

    /**
     * Deletes a partition's records before {@code offset} (Kafka's deleteRecords); returns the new start offset.
     * Throws the engine's OffsetOutOfRangeException for an offset beyond the log's end.
     */
    public long deleteRecordsBefore(String name, int partition, long offset) {
        return logs().deleteRecordsBefore(name, partition, offset);
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
