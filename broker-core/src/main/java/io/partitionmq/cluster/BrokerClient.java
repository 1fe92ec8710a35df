package io.partitionmq.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.List;

/**
 * Reaches a broker cluster from outside as a Hazelcast client, starting from a bootstrap list of broker
 * addresses as Kafka clients do. Requests go straight to the member leading each partition.
 */
public final class BrokerClient {
    private BrokerClient() {
    }

    /**
     * Connects to the cluster; fails with {@link IllegalStateException} if no listed broker answers in time.
     *
     * @param bootstrap   broker addresses, {@code host:port}
     * @param clusterName the cluster name the brokers were started with
     */
    public static DirectConnection connect(List<String> bootstrap, String clusterName, Duration connectTimeout) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setClassLoader(BrokerClient.class.getClassLoader());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // The client waits for the backups' confirmations itself (Hazelcast's backup acks to smart clients). A
        // write they do not confirm in time fails instead of succeeding unconfirmed, Hazelcast's default: a
        // leader cut off from its backups by a network split must not acknowledge what its cluster will not keep.
        // (Appends are retried with their producer stamp, so they still land once.)
        config.setProperty("hazelcast.client.operation.fail.on.indeterminate.state", "true");
        config.getNetworkConfig().setAddresses(List.copyOf(bootstrap));
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(connectTimeout.toMillis());
        EngineSerialization.register(config.getSerializationConfig());
        HazelcastInstance client;
        try {
            client = HazelcastClient.newHazelcastClient(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("no PartitionMQ broker of cluster '" + clusterName + "' answered at "
                    + bootstrap + " within " + connectTimeout.toSeconds() + " s", e);
        }
        try {
            return new DirectConnection(client, client::shutdown);
        } catch (RuntimeException e) {
            // Making the handle already talks to the brokers (map proxies); a broker that drops the connection
            // then, as one rejoining its cluster after a split does, must not leave a client running.
            client.shutdown();
            throw new IllegalStateException("the PartitionMQ brokers at " + bootstrap + " dropped the connection"
                    + " while it was being set up: " + e.getMessage(), e);
        }
    }
}
