package io.partitionmq.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.TopicConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.partition.InternalPartition;
import com.hazelcast.internal.partition.InternalPartitionService;
import com.hazelcast.internal.partition.PartitionReplica;
import io.partitionmq.access.Access;
import io.partitionmq.access.AccessPolicy;
import io.partitionmq.access.Users;
import io.partitionmq.log.HazelcastNode;
import io.partitionmq.log.LogDefaults;
import io.partitionmq.log.MinimumClusterSize;
import io.partitionmq.log.PartitionKey;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.SharePushes;
import io.partitionmq.log.TrafficMeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import io.partitionmq.log.LogStore;
import io.partitionmq.store.FileLogStore;
import io.partitionmq.transaction.Transactions;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** Member user-context keys: when the broker started (epoch ms) and its data directory. */
    static final String STARTED_AT_KEY = "partitionmq.broker.started";
    /** The split-brain protection every map of the broker uses (see {@link BrokerConfig#minClusterSize}). */
    private static final String MAJORITY = "partitionmq.cluster.min-size";
    private static final String PARTITION_THREADS_PROPERTY = "hazelcast.operation.thread.count";
    private static final int MIN_PARTITION_THREADS = 4;
    static final String DATA_DIR_KEY = "partitionmq.broker.data-dir";
    static final String USERS_KEY = "partitionmq.broker.users";
    static final String POLICY_KEY = "partitionmq.broker.access-policy";
    /** How long a restarting broker waits for the other members to offer what they recovered. */
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(5);

    private final BrokerConfig config;
    /** What a dead client left behind goes within its lease's lifetime plus this. */
    private static final Duration ORPHAN_CHECK_INTERVAL = Duration.ofSeconds(5);

    private final String id;
    private final HazelcastInstance hazelcast;
    private final ScheduledExecutorService housekeeping;
    private final LogStore store;
    /** What serves this broker's clients (its client port), stopped with it. */
    private final List<AutoCloseable> endpoints = new CopyOnWriteArrayList<>();

    private Broker(BrokerConfig config, String id, HazelcastInstance hazelcast, LogStore store) {
        this.config = config;
        this.id = id;
        this.hazelcast = hazelcast;
        this.store = store;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "partitionmq-housekeeping-" + id);
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.retentionCheckInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(this::enforceRetention, interval, interval, TimeUnit.MILLISECONDS);
        long orphans = ORPHAN_CHECK_INTERVAL.toMillis();
        housekeeping.scheduleWithFixedDelay(this::cleanUpAfterDeadClients, orphans, orphans,
                TimeUnit.MILLISECONDS);
        hazelcast.getPartitionService().addMigrationListener(new ReplicaArrivals(this, housekeeping));
    }

    /** What a client that died left behind: temporary destinations, transactions it had begun to commit. */
    private void cleanUpAfterDeadClients() {
        if (!isRunning()) {
            return;
        }
        try (DirectConnection connection = connect()) {
            int deleted = connection.temporaryTopics().deleteOrphans();
            if (deleted > 0) {
                LOG.log(Level.INFO, "deleted {0} temporary destinations whose connection is gone", deleted);
            }
            int finished = connection.transactions().finishAbandoned(connection.leases()::isHeld);
            if (finished > 0) {
                LOG.log(Level.INFO, "finished {0} committed transactions whose committer is gone", finished);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cleaning up after dead clients failed; tried again shortly", e);
        }
    }

    private void enforceRetention() {
        if (!isRunning()) {
            housekeeping.shutdown();
            return;
        }
        dropReplicasThatMovedAway();
        try {
            applyRetention();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "applying retention failed; it is tried again at the next check", e);
        }
    }

    /**
     * Runs the retention check now, as the broker does every {@code retentionCheckInterval}: retention on the
     * partitions it leads (which also settles their replicas) and expiry of consumer groups long without members.
     * Returns how many partitions moved their start offset.
     */
    public int applyRetention() {
        try (DirectConnection connection = connect()) {
            Map<PartitionKey, Long> consumed = new HashMap<>();
            connection.groups().lowestCommitted().forEach((partition, offset) ->
                    consumed.put(new PartitionKey(partition.topic(), partition.partition()), offset));
            int truncated = connection.logs().enforceRetentionOnLocalPartitions(consumed);
            int expired = connection.groups().expireEmptyGroups(config.groupOffsetsRetention());
            if (truncated > 0 || expired > 0) {
                LOG.log(Level.DEBUG, "retention moved the start of {0} partitions and expired {1} empty groups",
                        truncated, expired);
            }
            return truncated;
        }
    }

    /**
     * Deletes the files of replicas this broker no longer holds: they moved to other brokers. Only once this
     * broker has offered what it recovered, and while no replica is moving; each is checked again under its
     * store lock, against Hazelcast's partition table.
     */
    private void dropReplicasThatMovedAway() {
        Object recovered = hazelcast.getUserContext().get(LogStore.RECOVERED_KEY);
        if (!(recovered instanceof AtomicBoolean done) || !done.get()
                || !hazelcast.getPartitionService().isClusterSafe()) {
            return;
        }
        try {
            InternalPartitionService table = partitionTable();
            PartitionReplica self = PartitionReplica.from(hazelcast.getCluster().getLocalMember());
            // The table fills replica slots beyond backup-count too; only the first backup-count + 1 hold data.
            int dropped = store.dropUnless(key -> {
                int index = table.getPartition(hazelcast.getPartitionService().getPartition(key).getPartitionId())
                        .getReplicaIndex(self);
                return index >= 0 && index <= config.backupCount();
            });
            if (dropped > 0) {
                LOG.log(Level.INFO, "deleted the files of {0} replicas that moved to other brokers", dropped);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deleting the files of replicas that moved away failed; tried again at the next"
                    + " retention check", e);
        }
    }

    /**
     * Starts a member, waits until it has joined its cluster, offers what its store recovered from disk, and
     * waits until every member has done so before accepting appends.
     */
    public static Broker start(BrokerConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
        String id = BrokerIdentity.resolve(config);
        FileLogStore store = new FileLogStore(config.dataDir(), config.flush(), config.flushInterval());
        LogStore.Recovered stored = store.readAll();
        AtomicBoolean recovered = new AtomicBoolean(false);
        Config memberConfig = memberConfig(config, id);
        memberConfig.getUserContext().put(LogStore.CONTEXT_KEY, store);
        memberConfig.getUserContext().put(LogStore.RECOVERED_KEY, recovered);
        memberConfig.getUserContext().put(STARTED_AT_KEY, System.currentTimeMillis());
        memberConfig.getUserContext().put(DATA_DIR_KEY, config.dataDir());
        memberConfig.getUserContext().put(LogStore.HELD_BYTES_KEY, config.heldBytesPerReplica());
        memberConfig.getUserContext().put(TrafficMeter.CONTEXT_KEY, new TrafficMeter());
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(memberConfig);
        Broker broker = new Broker(config, id, hazelcast, store);
        try (DirectConnection connection = broker.connect()) {
            ClusterRecovery.awaitMinimumSize(hazelcast, config.minClusterSize(),
                    config.minClusterSize() > 1 ? MAJORITY : null, RECOVERY_TIMEOUT);
            int replicas = connection.logs().offerRecovered(stored);
            connection.groups().restore(stored.states(LogStore.StateKind.GROUP));
            connection.subscriptions().restore(stored.states(LogStore.StateKind.SUBSCRIPTION));
            connection.transactions().restore(stored.states(LogStore.StateKind.TRANSACTION));
            ClusterRecovery.markAndAwait(hazelcast, RECOVERY_TIMEOUT);
            recovered.set(true);
            ClusterRecovery.awaitReplicasInSync(hazelcast, RECOVERY_TIMEOUT);
            // What was recovered is held whole in memory until written anew: do that now, not at the first change.
            Set<Integer> all = new HashSet<>();
            hazelcast.getPartitionService().getPartitions().forEach(partition -> all.add(partition.getPartitionId()));
            connection.logs().settleReplicasIn(all);
            LOG.log(Level.INFO, "PartitionMQ broker {0} started at {1}:{2,number,#} in cluster ''{3}'' ({4}"
                    + " members; {5} replicas recovered from {6})", broker.id(), config.host(), config.port(),
                    config.clusterName(), hazelcast.getCluster().getMembers().size(), replicas, config.dataDir());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.close();
            throw new IllegalStateException("interrupted while broker " + id + " recovered", e);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
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
        // Appends (and with flush=always their fsync) run on the partition threads, one per core by default. A
        // thread waiting on the disk holds up every partition mapped to it, while concurrent fsyncs overlap on
        // the device. On 2 cores, 4 producers + 4 consumers on a queue at flush=always moved 2,620-3,570 msg/s
        // with 4 threads against 2,510-3,100 with 2 (medians of 3 runs, 4 and 3 tries); flush=interval showed no
        // difference. Hazelcast's own system property still overrides it.
        if (System.getProperty(PARTITION_THREADS_PROPERTY) == null) {
            config.setProperty(PARTITION_THREADS_PROPERTY,
                    Integer.toString(Math.max(MIN_PARTITION_THREADS, Runtime.getRuntime().availableProcessors())));
        }
        config.getMemberAttributeConfig().setAttribute(BROKER_ID_ATTRIBUTE, id);

        // The member port speaks only the member protocol: with no client endpoint, Hazelcast clients are refused,
        // so clients reach the brokers only through their client ports, where every call is authorized.
        AdvancedNetworkConfig network = config.getAdvancedNetworkConfig().setEnabled(true);
        ServerSocketEndpointConfig memberEndpoint = new ServerSocketEndpointConfig();
        memberEndpoint.setPort(broker.port()).setPortAutoIncrement(false);
        memberEndpoint.getInterfaces().setEnabled(true).addInterface(broker.host());
        network.setMemberEndpointConfig(memberEndpoint);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(broker.members());

        // Split-brain protection: a side of a split with fewer than minClusterSize members refuses every
        // operation (reads run as entry processors too, and stale reads would deliver twice); on heal, what the
        // larger side holds is kept (it alone could change anything), entries only the smaller side has are added.
        // Hazelcast's protection needs a minimum of 2; a minimum of 1 means none.
        String protection = broker.minClusterSize() > 1 ? MAJORITY : null;
        if (protection != null) {
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(MAJORITY, true,
                    broker.minClusterSize()).setProtectOn(SplitBrainProtectionOn.READ_WRITE));
            config.getUserContext().put(MinimumClusterSize.CONTEXT_KEY,
                    new MinimumClusterSize(broker.minClusterSize(), broker.backupCount()));
        }
        MergePolicyConfig keepLarger = new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(),
                MergePolicyConfig.DEFAULT_BATCH_SIZE);
        config.getMapConfig("default").setBackupCount(broker.backupCount())
                .setSplitBrainProtectionName(protection).setMergePolicyConfig(keepLarger);
        config.addMapConfig(new MapConfig(PartitionLogs.LOG_MAP)
                .setBackupCount(broker.backupCount())
                .setAsyncBackupCount(0)
                // Processors change logs in place; OBJECT avoids re-serialising a whole log on every append.
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setSplitBrainProtectionName(protection).setMergePolicyConfig(keepLarger));
        config.addMapConfig(new MapConfig(PartitionLogs.TOPICS_MAP).setBackupCount(broker.backupCount())
                .setSplitBrainProtectionName(protection).setMergePolicyConfig(keepLarger));
        config.addMapConfig(new MapConfig(Transactions.TRANSACTIONS_MAP).setBackupCount(broker.backupCount())
                .setSplitBrainProtectionName(protection).setMergePolicyConfig(keepLarger));
        // One topic per client connection that waits for queue records: no statistics to keep for each.
        config.addTopicConfig(new TopicConfig(SharePushes.TOPIC_PREFIX + "*")
                .setStatisticsEnabled(false));

        EngineSerialization.register(config.getSerializationConfig());
        config.getUserContext().put(LogDefaults.CONTEXT_KEY,
                new LogDefaults(broker.defaultPartitions(), broker.topicDefaults()));
        return config;
    }

    /** From now on this broker checks credentials against these users (none: it accepts any). */
    public void authenticateWith(Users users) {
        hazelcast.getUserContext().put(USERS_KEY, users);
    }

    /** From now on this broker tells the users it authenticates what this policy allows them. */
    public void authorizeWith(AccessPolicy policy) {
        hazelcast.getUserContext().put(POLICY_KEY, policy);
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

    /** The cluster as this broker sees it now; cheap (local state only), for health checks and metrics. */
    public ClusterHealth health() {
        int members = hazelcast.getCluster().getMembers().size();
        int ownerless = (int) hazelcast.getPartitionService().getPartitions().stream()
                .filter(partition -> partition.getOwner() == null).count();
        boolean inSync = replicasPlaced(members);
        // From the map's local statistics, not a query: a query is refused on the small side of a split.
        int led = (int) hazelcast.getMap(PartitionLogs.LOG_MAP).getLocalMapStats().getOwnedEntryCount();
        boolean backupsMissing = members <= config.backupCount() || !inSync;
        // The protection's own verdict, not the member count: it is what operations are checked against, and it
        // is updated by a membership listener slightly after the member list changes.
        boolean belowMinimum = config.minClusterSize() > 1
                && !hazelcast.getSplitBrainProtectionService().getSplitBrainProtection(MAJORITY).hasMinimumSize();
        return new ClusterHealth(members, ownerless, inSync, backupsMissing, led, backupsMissing ? led : 0,
                belowMinimum);
    }

    /**
     * Whether this broker's copy of the partition table gives every partition its owner and its backups (as many
     * as there are other members for) among the current members, with no migration in progress here. Local state
     * only: Hazelcast's isClusterSafe asks every member and waits up to minutes while one is leaving, too long
     * for a readiness check.
     */
    private boolean replicasPlaced(int members) {
        InternalPartitionService table = partitionTable();
        if (table.hasOnGoingMigrationLocal() || table.getMigrationQueueSize() > 0) {
            return false;
        }
        Set<UUID> current = new HashSet<>();
        hazelcast.getCluster().getMembers().forEach(member -> current.add(member.getUuid()));
        int replicas = Math.min(config.backupCount(), members - 1);
        for (InternalPartition partition : table.getInternalPartitions()) {
            for (int replica = 0; replica <= replicas; replica++) {
                PartitionReplica holder = partition.getReplica(replica);
                if (holder == null || !current.contains(holder.uuid())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Where each partition of a topic lives: its leader and backups by broker id, read from this member's copy of
     * Hazelcast's partition table. The public API names only owners, so this reads the internal table, which
     * every member keeps.
     */
    public List<PartitionPlacement> placementOf(String topic, int partitions) {
        InternalPartitionService table = partitionTable();
        Map<UUID, String> ids = new HashMap<>();
        for (Member member : hazelcast.getCluster().getMembers()) {
            String id = member.getAttribute(BROKER_ID_ATTRIBUTE);
            ids.put(member.getUuid(), id == null ? "" : id);
        }
        List<PartitionPlacement> placements = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            int id = hazelcast.getPartitionService().getPartition(PartitionKey.routingKey(topic, p)).getPartitionId();
            InternalPartition partition = table.getPartition(id);
            PartitionReplica owner = partition.getReplica(0);
            List<String> backups = new ArrayList<>();
            for (int replica = 1; replica <= config.backupCount(); replica++) {
                PartitionReplica backup = partition.getReplica(replica);
                if (backup != null && ids.containsKey(backup.uuid())) {
                    backups.add(ids.get(backup.uuid()));
                }
            }
            placements.add(new PartitionPlacement(p, owner == null ? "" : ids.getOrDefault(owner.uuid(), ""), backups,
                    backups.size() < config.backupCount()));
        }
        return placements;
    }

    /** What the partitions this broker leads took in and delivered since it started, per topic. */
    public Map<String, TrafficMeter.Traffic> traffic() {
        return ((TrafficMeter) hazelcast.getUserContext().get(TrafficMeter.CONTEXT_KEY)).snapshot();
    }

    /** This member's copy of Hazelcast's partition table: which members hold each partition's replicas. */
    private InternalPartitionService partitionTable() {
        return HazelcastNode.of(hazelcast).getPartitionService();
    }

    /** A connection to the cluster through this member, in-VM; closing it leaves the broker running. */
    public DirectConnection connect() {
        return new DirectConnection(hazelcast, () -> { });
    }

    /**
     * What this broker's configuration allows the user with that password (any user, even none, when it has no
     * users configured); empty if it refuses them.
     */
    public Optional<Access> authenticate(String user, String password) {
        return Optional.ofNullable(AuthenticateTask.decide(hazelcast, user, password));
    }

    /** Stops {@code endpoint} when the broker stops (or is killed). */
    public void attach(AutoCloseable endpoint) {
        endpoints.add(endpoint);
    }

    private void closeEndpoints() {
        for (AutoCloseable endpoint : endpoints) {
            try {
                endpoint.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping " + endpoint + " failed", e);
            }
        }
        endpoints.clear();
    }

    /** The member itself, for tests and cluster views; operations go through {@link #connect()}. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Leaves the cluster gracefully: partitions this member leads migrate to the others first. */
    @Override
    public void close() {
        closeEndpoints();
        housekeeping.shutdownNow();
        if (isRunning()) {
            LOG.log(Level.INFO, "PartitionMQ broker {0} stopping", id());
            hazelcast.shutdown();
        }
        store.close();
    }

    /**
     * Stops the member at once, as a crash would: no migration, no flush, the store's files left as they are.
     * For failure tests and for a broker that must not linger.
     */
    public void kill() {
        closeEndpoints();
        housekeeping.shutdownNow();
        hazelcast.getLifecycleService().terminate();
    }
}
