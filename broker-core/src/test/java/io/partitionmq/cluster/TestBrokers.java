package io.partitionmq.cluster;

import io.partitionmq.remote.Gateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts several brokers in this JVM on free loopback ports, forming one cluster, each with its client port. */
public final class TestBrokers implements AutoCloseable {
    private static final int MEMBER_PORT_BASE = 20000;
    private static final int MEMBER_PORTS = 12000;
    private static final AtomicInteger nextPort = new AtomicInteger(
            java.util.concurrent.ThreadLocalRandom.current().nextInt(MEMBER_PORTS));
    private final List<Broker> brokers = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();

    private TestBrokers() {
    }

    public static TestBrokers start(int count, Path dataDir) {
        return start(count, dataDir, java.time.Duration.ofMinutes(5));
    }

    /** Brokers that apply retention every {@code retentionCheck}. */
    public static TestBrokers start(int count, Path dataDir, java.time.Duration retentionCheck) {
        return start(count, dataDir, config -> config.withRetentionCheckInterval(retentionCheck));
    }

    /** Brokers whose loopback configuration {@code tune} changes. */
    public static TestBrokers start(int count, Path dataDir, java.util.function.UnaryOperator<BrokerConfig> tune) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
            ports.add(freePort());
        }
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        String cluster = "test-" + ports.get(0);
        TestBrokers started = new TestBrokers();
        List<BrokerConfig> configs = ports.stream().map(port -> tune.apply(BrokerConfig.loopback(port,
                dataDir.resolve("broker-" + port)).withCluster(cluster, members))).toList();
        if (configs.get(0).minClusterSize() == 1) {
            configs.forEach(config -> started.brokers.add(Broker.start(config)));
        } else {
            // Each broker waits for the minimum cluster size before it finishes starting: start them together.
            List<java.util.concurrent.CompletableFuture<Broker>> starting = configs.stream()
                    .map(config -> java.util.concurrent.CompletableFuture.supplyAsync(() -> Broker.start(config)))
                    .toList();
            starting.forEach(broker -> started.brokers.add(broker.join()));
        }
        started.brokers.forEach(broker -> started.gateways.add(Gateway.open(broker, 0)));
        return started;
    }

    /**
     * Waits until {@code condition} holds, looking every 50 ms, and fails with {@code what} after {@code timeout}:
     * for cluster states that come with no event to wait on (the partition table, files on disk, replicas in sync).
     */
    public static void await(java.util.function.Supplier<String> what, java.time.Duration timeout,
            java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what.get() + " (not within " + timeout + ")");
            }
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /**
     * A loopback port free now, for a member to bind later. Taken below Linux's ephemeral range (32768 up): a port
     * the kernel handed out and took back may go to the next outgoing connection before the member binds it. Each
     * call in this JVM gives a different port, so two brokers never share one.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < MEMBER_PORTS; attempt++) {
            int port = MEMBER_PORT_BASE + Math.floorMod(nextPort.getAndIncrement(), MEMBER_PORTS);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: try the next
            }
        }
        throw new UncheckedIOException(new IOException("no free port in " + MEMBER_PORT_BASE + "-"
                + (MEMBER_PORT_BASE + MEMBER_PORTS)));
    }

    public Broker get(int index) {
        return brokers.get(index);
    }

    public List<Broker> all() {
        return List.copyOf(brokers);
    }

    /** The broker leading a log partition (owning its Hazelcast partition). */
    public Broker leaderOf(String topic, int partition) {
        Broker running = brokers.stream().filter(Broker::isRunning).findFirst().orElseThrow();
        com.hazelcast.partition.Partition owner = running.hazelcast().getPartitionService()
                .getPartition(io.partitionmq.log.PartitionKey.routingKey(topic, partition));
        return brokers.stream()
                .filter(b -> b.isRunning() && b.hazelcast().getCluster().getLocalMember().equals(owner.getOwner()))
                .findFirst().orElseThrow();
    }

    /** The broker holding a log partition's first backup, by the leader's copy of the partition table. */
    public Broker firstBackupOf(String topic, int partition) {
        String id = leaderOf(topic, partition).placementOf(topic, partition + 1).get(partition).backups().get(0);
        return brokers.stream().filter(b -> b.isRunning() && b.id().equals(id)).findFirst().orElseThrow();
    }

    /** The member addresses, which Hazelcast clients inside the trust boundary use. */
    public List<String> addresses() {
        return brokers.stream().map(b -> b.config().host() + ":" + b.config().port()).toList();
    }

    /** The client ports' addresses, which JMS clients use. */
    public List<String> clientAddresses() {
        return gateways.stream().map(Gateway::address).toList();
    }

    /** {@link #clientAddresses()} as a connection factory takes them. */
    public String clientAddressList() {
        return String.join(",", clientAddresses());
    }

    @Override
    public void close() {
        brokers.forEach(Broker::kill);
    }
}
