package io.partitionmq.bench;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.BrokerConfig;
import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.remote.Gateway;
import io.partitionmq.store.FlushPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every benchmark here runs against: two brokers (backup-count 1; or one, without backups) in this JVM on free
 * loopback ports, with their data in a temporary directory that goes with them. Also the benchmarks'
 * {@code --name value} arguments.
 */
final class BenchCluster implements AutoCloseable {
    private final Path data;
    private final List<String> members;
    private final String name;
    private final List<Broker> brokers = new ArrayList<>();
    private final List<String> clientAddresses = new ArrayList<>();

    private BenchCluster(Path data, List<String> members, String name) {
        this.data = data;
        this.members = members;
        this.name = name;
    }

    static BenchCluster start(FlushPolicy flush) throws IOException {
        return start(flush, 2);
    }

    /** {@code brokers} brokers; with one, no partition has a backup (a single broker's durability). */
    static BenchCluster start(FlushPolicy flush, int brokers) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            ports.add(TestBrokers.freePort());
        }
        BenchCluster cluster = new BenchCluster(Files.createTempDirectory("partitionmq-bench"),
                ports.stream().map(port -> "127.0.0.1:" + port).toList(), "bench-" + ports.get(0));
        try {
            for (int port : ports) {
                Broker broker = Broker.start(BrokerConfig.loopback(port, cluster.data.resolve("b" + port))
                        .withCluster(cluster.name, cluster.members).withFlush(flush));
                cluster.brokers.add(broker);
                cluster.clientAddresses.add(Gateway.open(broker, 0).address());
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The brokers' client ports, what a client bootstraps from. */
    List<String> clientAddresses() {
        return clientAddresses;
    }

    /** The i-th broker, for a connection in its own JVM. */
    Broker broker(int i) {
        return brokers.get(i);
    }

    String name() {
        return name;
    }

    /** {@code --name value} pairs. */
    static Map<String, String> arguments(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            given.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return given;
    }

    @Override
    public void close() {
        brokers.forEach(Broker::close);
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + data, e);
        }
    }
}
