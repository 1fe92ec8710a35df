package io.partitionmq.cluster;

import io.partitionmq.log.LogStore;
import io.partitionmq.log.TopicConfig;
import io.partitionmq.store.FlushPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How one broker (one Hazelcast member) starts.
 *
 * @param brokerId                the broker's id; empty for one generated once and kept in {@code dataDir}
 * @param clusterName             brokers with the same cluster name form one cluster
 * @param host                    the address the member binds to and announces (loopback by default: see README)
 * @param port                    the member port
 * @param members                 the addresses ({@code host:port}) of the cluster's members, used to join
 * @param backupCount             synchronous replicas of every partition besides its leader
 * @param defaultPartitions       partitions of a topic created without a count (e.g. on first use)
 * @param topicDefaults           settings of a topic created without them
 * @param retentionCheckInterval  how often the broker applies retention to the partitions it leads
 * @param groupOffsetsRetention   how long a consumer group without members keeps its committed offsets
 * @param flush                   when written log data is forced to disk
 * @param flushInterval           how often, with {@link FlushPolicy#INTERVAL} (and for share-group state with
 *                                {@link FlushPolicy#ALWAYS})
 * @param dataDir                 where the broker keeps its files
 * @param heldBytesPerReplica     how many bytes of its newest records each partition replica keeps in memory;
 *                                older ones are read from the data directory
 * @param minClusterSize          the fewest brokers that may accept writes: a side of a split with fewer refuses
 *                                them (split-brain protection; 1 turns it off)
 */
public record BrokerConfig(String brokerId, String clusterName, String host, int port, List<String> members,
                           int backupCount, int defaultPartitions, TopicConfig topicDefaults,
                           Duration retentionCheckInterval, Duration groupOffsetsRetention, FlushPolicy flush,
                           Duration flushInterval, Path dataDir, long heldBytesPerReplica, int minClusterSize) {
    public BrokerConfig {
        members = List.copyOf(members);
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("broker port must be 1..65535, got " + port);
        }
        if (backupCount < 0 || backupCount > 6) {
            throw new IllegalArgumentException("backup count must be 0..6, got " + backupCount);
        }
        if (defaultPartitions <= 0) {
            throw new IllegalArgumentException("default partitions must be positive, got " + defaultPartitions);
        }
        requirePositive("the retention check interval", retentionCheckInterval);
        if (groupOffsetsRetention.isNegative()) {
            throw new IllegalArgumentException("the group offsets retention cannot be negative, got "
                    + groupOffsetsRetention);
        }
        requirePositive("the flush interval", flushInterval);
        if (minClusterSize < 1) {
            throw new IllegalArgumentException("the minimum cluster size must be at least 1, got " + minClusterSize);
        }
        if (heldBytesPerReplica < 0) {
            throw new IllegalArgumentException("the bytes held in memory per replica cannot be negative, got "
                    + heldBytesPerReplica);
        }
    }

    private static void requirePositive(String what, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
    }

    /** A single broker on loopback with the given port and Kafka's topic defaults: what tests and a laptop start. */
    public static BrokerConfig loopback(int port, Path dataDir) {
        String address = "127.0.0.1:" + port;
        return new BrokerConfig("", "partitionmq", "127.0.0.1", port, List.of(address), 1, 4,
                TopicConfig.KAFKA_DEFAULTS, Duration.ofMinutes(5), Duration.ofDays(7), FlushPolicy.INTERVAL,
                Duration.ofSeconds(1), dataDir, LogStore.DEFAULT_HELD_BYTES, 1);
    }

    public BrokerConfig withCluster(String name, List<String> clusterMembers) {
        return new BrokerConfig(brokerId, name, host, port, clusterMembers, backupCount, defaultPartitions,
                topicDefaults, retentionCheckInterval, groupOffsetsRetention, flush, flushInterval, dataDir,
                heldBytesPerReplica, minClusterSize);
    }

    public BrokerConfig withRetentionCheckInterval(Duration interval) {
        return new BrokerConfig(brokerId, clusterName, host, port, members, backupCount, defaultPartitions,
                topicDefaults, interval, groupOffsetsRetention, flush, flushInterval, dataDir,
                heldBytesPerReplica, minClusterSize);
    }

    public BrokerConfig withHeldBytesPerReplica(long bytes) {
        return new BrokerConfig(brokerId, clusterName, host, port, members, backupCount, defaultPartitions,
                topicDefaults, retentionCheckInterval, groupOffsetsRetention, flush, flushInterval, dataDir, bytes,
                minClusterSize);
    }

    public BrokerConfig withFlush(FlushPolicy policy) {
        return new BrokerConfig(brokerId, clusterName, host, port, members, backupCount, defaultPartitions,
                topicDefaults, retentionCheckInterval, groupOffsetsRetention, policy, flushInterval, dataDir,
                heldBytesPerReplica, minClusterSize);
    }

    public BrokerConfig withMinClusterSize(int size) {
        return new BrokerConfig(brokerId, clusterName, host, port, members, backupCount, defaultPartitions,
                topicDefaults, retentionCheckInterval, groupOffsetsRetention, flush, flushInterval, dataDir,
                heldBytesPerReplica, size);
    }
}
