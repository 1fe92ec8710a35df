package io.partitionmq.bench;

import io.partitionmq.group.AssignmentStrategy;
import io.partitionmq.group.GroupConsumer;
import io.partitionmq.group.OffsetResetPolicy;
import io.partitionmq.group.TopicPartition;
import io.partitionmq.log.LogOperations;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.ShareAcceptor;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.ShareOperations;
import io.partitionmq.log.ShareRecord;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.remote.RemoteConnection;
import io.partitionmq.store.FlushPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Consumer groups and share groups on the engine, the workloads of issue #4: two brokers (backup-count 1) in
 * this JVM, four consumers on one client over loopback, 100-byte records on 4 partitions.
 *
 * <pre>
 * group      a 4-member consumer group reads everything, each member committing every 100 records
 * share      4 share-group consumers acquire 100 at a time and accept each record (acceptances coalesced)
 * rebalance  a member of a 4-member group (session timeout 1 s) stops heartbeating: time until its
 *            partitions are owned by the others
 * args:      --records N  --runs R
 * </pre>
 */
public final class GroupBenchmark {
    private static final int PARTITIONS = 4;
    private static final int MEMBERS = 4;
    private static final Duration SESSION = Duration.ofSeconds(1);

    private GroupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = BenchCluster.arguments(args);
        int records = Integer.parseInt(given.getOrDefault("records", "400000"));
        int runs = Integer.parseInt(given.getOrDefault("runs", "3"));
        try (BenchCluster cluster = BenchCluster.start(FlushPolicy.INTERVAL);
                RemoteConnection client = RemoteConnection.connect(cluster.clientAddresses(), cluster.name(),
                        Duration.ofSeconds(30))) {
            report("group: records/s consumed", runs, run -> groupThroughput(client, records, run));
            report("share: records/s consumed", runs, run -> shareThroughput(client, records, run));
            report("rebalance after a member dies (ms)", runs, run -> rebalanceMillis(client, run));
        }
        System.exit(0);
    }

    @FunctionalInterface
    private interface Measure {
        double run(int run) throws Exception;
    }

    private static void report(String name, int runs, Measure measure) throws Exception {
        measure.run(-1); // warm-up
        double[] values = new double[runs];
        for (int run = 0; run < runs; run++) {
            values[run] = measure.run(run);
            System.out.printf("%-36s run %d: %,.0f%n", name, run + 1, values[run]);
        }
        java.util.Arrays.sort(values);
        System.out.printf("%-36s median %,12.0f   min %,12.0f   max %,12.0f%n", name, values[runs / 2], values[0],
                values[runs - 1]);
    }

    private static TopicMetadata filledTopic(RemoteConnection client, String name, int records) {
        LogOperations logs = client.logs();
        TopicMetadata topic = logs.createTopic(name, PARTITIONS, Map.of());
        List<ProducerRecord> batch = Collections.nCopies(500, new ProducerRecord(null, Map.of(), new byte[100]));
        List<CompletableFuture<?>> appends = new ArrayList<>();
        for (int i = 0; i < records / batch.size(); i++) {
            appends.add(logs.appendAsync(client.batches().prepare(topic, i % PARTITIONS, batch))
                    .toCompletableFuture());
            if (appends.size() == 8) {
                appends.forEach(CompletableFuture::join);
                appends.clear();
            }
        }
        appends.forEach(CompletableFuture::join);
        return topic;
    }

    private static double groupThroughput(RemoteConnection client, int records, int run) throws Exception {
        String topic = filledTopic(client, "group-bench-" + run, records).name();
        AtomicLong consumed = new AtomicLong();
        List<GroupConsumer> consumers = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            consumers.add(new GroupConsumer(client, "readers-" + run, List.of(topic), AssignmentStrategy.RANGE,
                    SESSION, OffsetResetPolicy.EARLIEST));
        }
        long start = System.nanoTime();
        runAll(consumers.stream().map(consumer -> (Runnable) () -> {
            try (consumer) {
                int uncommitted = 0;
                while (consumed.get() < records) {
                    int got = consumer.poll(Duration.ofMillis(100)).size();
                    consumed.addAndGet(got);
                    uncommitted += got;
                    if (uncommitted >= 100) {
                        consumer.commitSync();
                        uncommitted = 0;
                    }
                }
                consumer.commitSync();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).toList());
        return records / ((System.nanoTime() - start) / 1e9);
    }

    private static double shareThroughput(RemoteConnection client, int records, int run) throws Exception {
        String topic = filledTopic(client, "share-bench-" + run, records).name();
        ShareOperations shares = client.shares();
        AtomicLong consumed = new AtomicLong();
        List<Runnable> consumers = new ArrayList<>();
        for (int c = 0; c < MEMBERS; c++) {
            String consumer = "consumer-" + c;
            int firstPartition = c;
            consumers.add(() -> {
                ShareAcceptor acceptor = new ShareAcceptor(shares, topic, "workers", consumer,
                        ShareGroups.Settings.DEFAULTS);
                for (int i = firstPartition; consumed.get() < records; i++) {
                    int partition = i % PARTITIONS;
                    List<ShareRecord> got = shares.acquire(topic, partition, "workers", consumer, 100,
                            ShareGroups.Settings.DEFAULTS, null);
                    for (ShareRecord record : got) {
                        acceptor.accept(partition, record.record().offset());
                    }
                    consumed.addAndGet(got.size());
                }
                acceptor.awaitApplied();
            });
        }
        long start = System.nanoTime();
        runAll(consumers);
        return records / ((System.nanoTime() - start) / 1e9);
    }

    private static double rebalanceMillis(RemoteConnection client, int run) throws Exception {
        String topic = client.logs().createTopic("rebalance-bench-" + run, PARTITIONS * 2, Map.of()).name();
        String group = "rebalancing-" + run;
        List<GroupConsumer> consumers = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            consumers.add(new GroupConsumer(client, group, List.of(topic), AssignmentStrategy.STICKY, SESSION,
                    OffsetResetPolicy.EARLIEST));
        }
        LongSupplier ownedBySurvivors = () -> {
            Set<TopicPartition> owned = new HashSet<>();
            for (GroupConsumer survivor : consumers.subList(1, MEMBERS)) {
                owned.addAll(survivor.membership().assignment());
            }
            return owned.size();
        };
        pollUntil(consumers, () -> consumers.stream().allMatch(c -> c.membership().assignment().size() == 2));
        long died = System.nanoTime();
        List<GroupConsumer> survivors = consumers.subList(1, MEMBERS);
        pollUntil(survivors, () -> ownedBySurvivors.getAsLong() == PARTITIONS * 2);
        double millis = (System.nanoTime() - died) / 1e6;
        survivors.forEach(GroupConsumer::close);
        return millis;
    }

    /** Polls every consumer in turn (as their threads would) until the condition holds; bounded at 60 s. */
    private static void pollUntil(List<GroupConsumer> consumers, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the group did not settle within 60 s");
            }
            for (GroupConsumer consumer : consumers) {
                consumer.poll(Duration.ofMillis(10));
            }
        }
    }

    private static void runAll(List<Runnable> tasks) throws InterruptedException {
        List<Thread> threads = tasks.stream().map(Thread::new).toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
