package io.partitionmq.server;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.DirectConnection;
import io.partitionmq.cluster.ClusterHealth;
import io.partitionmq.cluster.LocalBroker;
import io.partitionmq.group.UnknownGroupException;
import io.partitionmq.log.PartitionKey;
import io.partitionmq.log.PartitionSummary;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * This broker's metrics (MicroProfile Metrics; Prometheus text at {@code /metrics}): the cluster as it sees it,
 * and for the log partitions it leads, per topic, the records appended, held and delivered and the bytes held and
 * delivered, the backlog of each share group (queue, shared subscription) there, and the lag of the consumer
 * groups it coordinates. Summing a metric over the brokers gives the cluster's figure. Per-topic
 * and per-group figures are taken every 15 s (one local operation for all partitions led), not per scrape.
 */
@Singleton
@Startup
@DependsOn("BrokerService")
public class BrokerMetrics {
    private static final System.Logger LOG = System.getLogger(BrokerMetrics.class.getName());

    /** What one refresh found, per topic and per group. */
    private record TopicFigures(long appended, long held, long bytes, long delivered, long bytesDelivered) {
        TopicFigures plus(TopicFigures other) {
            return new TopicFigures(appended + other.appended, held + other.held, bytes + other.bytes,
                    delivered + other.delivered, bytesDelivered + other.bytesDelivered);
        }
    }

    @Inject
    MetricRegistry registry;

    private volatile Map<String, TopicFigures> topics = Map.of();
    private volatile Map<String, Long> lags = Map.of();
    /** Per topic, per share group: records in flight or waiting (a queue's, a shared subscription's backlog). */
    private volatile Map<String, Map<String, Long>> backlogs = Map.of();
    private final Set<MetricID> perName = new HashSet<>();

    @PostConstruct
    void registerClusterMetrics() {
        // Which broker these figures come from, as a label to join on (the broker id, configured or generated).
        LocalBroker.get().ifPresent(broker -> registry.gauge(Metadata.builder().withName("partitionmq_broker_info")
                .withDescription("1, labelled with this broker's id").build(), () -> 1L,
                new Tag("broker", broker.id())));
        clusterGauge("partitionmq_cluster_members", "brokers in the cluster", ClusterHealth::members);
        clusterGauge("partitionmq_partitions_without_owner", "Hazelcast partitions no broker owns",
                ClusterHealth::partitionsWithoutOwner);
        clusterGauge("partitionmq_cluster_below_min_size", "1 when this broker is on a side of a split smaller than"
                + " partitionmq.cluster.min-size and refuses reads and writes", health -> health.belowMinimumSize() ? 1 : 0);
        clusterGauge("partitionmq_replicas_in_sync", "1 when every partition's backups are in place",
                health -> health.replicasInSync() ? 1 : 0);
        clusterGauge("partitionmq_log_partitions_led", "log partitions this broker leads",
                ClusterHealth::logPartitionsLed);
        clusterGauge("partitionmq_log_partitions_under_replicated", "log partitions this broker leads that lack"
                + " a backup", ClusterHealth::logPartitionsUnderReplicated);
    }

    private void clusterGauge(String name, String description, ToLongFunction<ClusterHealth> figure) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(),
                () -> LocalBroker.get().filter(Broker::isRunning).map(b -> figure.applyAsLong(b.health()))
                        .orElse(0L));
    }

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false)
    void refresh() {
        Broker broker = LocalBroker.get().filter(Broker::isRunning).orElse(null);
        if (broker == null) {
            return;
        }
        try (DirectConnection connection = broker.connect()) {
            Map<String, TopicFigures> byTopic = new HashMap<>();
            for (Map.Entry<PartitionKey, PartitionSummary> led : connection.logs().localSummaries().entrySet()) {
                PartitionSummary summary = led.getValue();
                byTopic.merge(led.getKey().topic(), new TopicFigures(summary.endOffset(),
                        summary.endOffset() - summary.startOffset(), summary.sizeInBytes(), 0, 0),
                        TopicFigures::plus);
            }
            broker.traffic().forEach((topic, traffic) -> byTopic.merge(topic,
                    new TopicFigures(0, 0, 0, traffic.recordsOut(), traffic.bytesOut()), TopicFigures::plus));
            Map<String, Map<String, Long>> byShareGroup = connection.shares().localBacklog();
            Map<String, Long> byGroup = new HashMap<>();
            for (String group : connection.groups().listLocal()) {
                try {
                    byGroup.put(group, connection.groups().describe(group).totalLag());
                } catch (UnknownGroupException e) {
                    // Deleted since it was listed.
                }
            }
            topics = byTopic;
            lags = byGroup;
            backlogs = byShareGroup;
            register(byTopic.keySet(), byGroup.keySet(), byShareGroup);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refreshing the broker's metrics failed; tried again in 15 s", e);
        }
    }

    /** Gauges for topics and groups seen for the first time; those of topics and groups gone are removed. */
    private synchronized void register(Set<String> topicNames, Set<String> groupNames,
            Map<String, Map<String, Long>> shareGroups) {
        Set<MetricID> wanted = new HashSet<>();
        for (String topic : topicNames) {
            Tag tag = new Tag("topic", topic);
            wanted.add(perName("partitionmq_topic_records_appended", "records appended to the partitions this"
                    + " broker leads (their end offsets)", tag, () -> figure(topic, TopicFigures::appended)));
            wanted.add(perName("partitionmq_topic_records", "records held in the partitions this broker leads", tag,
                    () -> figure(topic, TopicFigures::held)));
            wanted.add(perName("partitionmq_topic_bytes", "bytes held in the partitions this broker leads", tag,
                    () -> figure(topic, TopicFigures::bytes)));
            wanted.add(perName("partitionmq_topic_records_delivered", "records the partitions this broker leads"
                    + " delivered to consumers since it started (fetched or acquired)", tag,
                    () -> figure(topic, TopicFigures::delivered)));
            wanted.add(perName("partitionmq_topic_bytes_delivered", "bytes of the batches the partitions this"
                    + " broker leads sent to consumers since it started", tag,
                    () -> figure(topic, TopicFigures::bytesDelivered)));
        }
        shareGroups.forEach((topic, groups) -> groups.keySet().forEach(group -> wanted.add(perName(
                "partitionmq_share_group_backlog", "records of the partitions this broker leads that a queue or"
                        + " shared subscription has yet to consume: in flight or waiting",
                () -> backlogs.getOrDefault(topic, Map.of()).getOrDefault(group, 0L),
                new Tag("topic", topic), new Tag("group", group)))));
        for (String group : groupNames) {
            wanted.add(perName("partitionmq_group_lag", "records the group has yet to consume",
                    () -> lags.getOrDefault(group, 0L), new Tag("group", group)));
        }
        for (MetricID gone : new HashSet<>(perName)) {
            if (!wanted.contains(gone)) {
                registry.remove(gone);
                perName.remove(gone);
            }
        }
    }

    private MetricID perName(String name, String description, Tag tag, java.util.function.Supplier<Long> value) {
        return perName(name, description, value, tag);
    }

    private MetricID perName(String name, String description, java.util.function.Supplier<Long> value,
            Tag... tags) {
        MetricID id = new MetricID(name, tags);
        if (perName.add(id)) {
            registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), value, tags);
        }
        return id;
    }

    private long figure(String topic, ToLongFunction<TopicFigures> figure) {
        TopicFigures figures = topics.get(topic);
        return figures == null ? 0 : figure.applyAsLong(figures);
    }
}
