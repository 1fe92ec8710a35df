package io.partitionmq.bench;

import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.log.PartitionAppender;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.remote.RemoteConnection;
import io.partitionmq.store.FlushPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The fixed cost of one operation: one broker (no backups, {@code flush=interval}), a synchronous 1 KiB append
 * and a topic lookup, one at a time, made in the broker's own JVM and through its client port over loopback.
 * What a synchronous JMS send pays before anything else. Prints the median and p90 per round.
 *
 * <pre>
 * args: --operations N (per round, default 10000)  --rounds R (default 3)
 * </pre>
 */
public final class RoundTripBenchmark {
    private RoundTripBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = BenchCluster.arguments(args);
        int operations = Integer.parseInt(given.getOrDefault("operations", "10000"));
        int rounds = Integer.parseInt(given.getOrDefault("rounds", "3"));
        try (BenchCluster cluster = BenchCluster.start(FlushPolicy.INTERVAL, 1);
                RemoteConnection remote = RemoteConnection.connect(cluster.clientAddresses(), cluster.name(),
                        Duration.ofSeconds(30))) {
            BrokerConnection inProcess = cluster.broker(0).connect();
            for (int round = 1; round <= rounds; round++) {
                measure("client port", remote, "round-trip-remote-" + round, operations);
                measure("in process", inProcess, "round-trip-local-" + round, operations);
            }
        }
        System.exit(0);
    }

    private static void measure(String path, BrokerConnection connection, String topicName, int operations) {
        TopicMetadata topic = connection.logs().topic(topicName);
        PartitionAppender appender = connection.appender();
        long[] appends = new long[operations];
        long[] lookups = new long[operations];
        for (int i = 0; i < operations; i++) {
            long start = System.nanoTime();
            appender.append(topic, 0, new ProducerRecord(null, Map.of(), new byte[1024])).join();
            appends[i] = System.nanoTime() - start;
        }
        for (int i = 0; i < operations; i++) {
            long start = System.nanoTime();
            connection.logs().findTopic(topicName);
            lookups[i] = System.nanoTime() - start;
        }
        System.out.printf("%-12s append p50 %5d us  p90 %5d us   topic lookup p50 %5d us  p90 %5d us%n", path,
                percentileMicros(appends, 0.5), percentileMicros(appends, 0.9), percentileMicros(lookups, 0.5),
                percentileMicros(lookups, 0.9));
    }

    private static long percentileMicros(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) (p * (sorted.length - 1))] / 1000;
    }
}
