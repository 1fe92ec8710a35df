package io.partitionmq.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.partitionmq.group.GroupOffsets;
import io.partitionmq.log.LogDefaults;
import io.partitionmq.log.PartitionLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One broker: a Hazelcast member holding a share of the cluster's partition logs as leader and as backup.
 * Started once per JVM inside a server (see {@link LocalBroker}), or several times in one JVM by tests.
 */
public final class Broker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Broker.class.getName());
    /** The member attribute carrying the broker id, so every member knows every broker's id. */
    public static final String BROKER_ID_ATTRIBUTE = "partitionmq.broker.id";

    private final BrokerConfig config;
    private final String id;
    private final HazelcastInstance hazelcast;
    private final ScheduledExecutorService housekeeping;

    private Broker(BrokerConfig config, String id, HazelcastInstance hazelcast) {
        this.config = config;
        this.id = id;
        this.hazelcast = hazelcast;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "partitionmq-housekeeping-" + id);
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.retentionCheckInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(this::enforceRetention, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void enforceRetention() {
        if (!isRunning()) {
            housekeeping.shutdown();
            return;
        }
        try (BrokerConnection connection = connect()) {
            int truncated = connection.logs().enforceRetentionOnLocalPartitions();
            if (truncated > 0) {
                LOG.log(Level.DEBUG, "retention moved the start of {0} partitions", truncated);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "applying retention failed; it is tried again at the next check", e);
        }
    }

    /** Starts a member and waits until it has joined its cluster. */
    public static Broker start(BrokerConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
        String id = BrokerIdentity.resolve(config);
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(memberConfig(config, id));
        Broker broker = new Broker(config, id, hazelcast);
        LOG.log(Level.INFO, "PartitionMQ broker {0} started at {1}:{2,number,#} in cluster ''{3}'' ({4} members)",
                broker.id(), config.host(), config.port(), config.clusterName(),
                hazelcast.getCluster().getMembers().size());
        return broker;
    }

    static Config memberConfig(BrokerConfig broker, String id) {
        Config config = new Config();
        config.setClusterName(broker.clusterName());
        config.setInstanceName("partitionmq-" + broker.host() + "-" + broker.port());
        // Engine classes run inside this member; they must load from the engine's class loader, also in a server.
        config.setClassLoader(Broker.class.getClassLoader());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.getMemberAttributeConfig().setAttribute(BROKER_ID_ATTRIBUTE, id);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(broker.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(broker.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(broker.members());

        config.addMapConfig(new MapConfig(PartitionLogs.LOG_MAP)
                .setBackupCount(broker.backupCount())
                .setAsyncBackupCount(0)
                // Processors change logs in place; OBJECT avoids re-serialising a whole log on every append.
                .setInMemoryFormat(InMemoryFormat.OBJECT));
        config.addMapConfig(new MapConfig(PartitionLogs.TOPICS_MAP).setBackupCount(broker.backupCount()));
        config.addMapConfig(new MapConfig(GroupOffsets.OFFSETS_MAP).setBackupCount(broker.backupCount()));

        EngineSerialization.register(config.getSerializationConfig());
        config.getUserContext().put(LogDefaults.CONTEXT_KEY,
                new LogDefaults(broker.defaultPartitions(), broker.topicDefaults()));
        return config;
    }

    /** The configured broker id, or the one generated at first start and kept in the data directory. */
    public String id() {
        return id;
    }

    public BrokerConfig config() {
        return config;
    }

    public boolean isRunning() {
        return hazelcast.getLifecycleService().isRunning();
    }

    /** A connection to the cluster through this member, in-VM; closing it leaves the broker running. */
    public BrokerConnection connect() {
        return new BrokerConnection(hazelcast, () -> { });
    }

    /** The member itself, for tests and cluster views; operations go through {@link #connect()}. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Leaves the cluster gracefully: partitions this member leads migrate to the others first. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        if (isRunning()) {
            LOG.log(Level.INFO, "PartitionMQ broker {0} stopping", id());
            hazelcast.shutdown();
        }
    }
}
