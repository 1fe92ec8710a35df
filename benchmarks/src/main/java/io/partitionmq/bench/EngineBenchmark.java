package io.partitionmq.bench;

import io.partitionmq.log.FetchResult;
import io.partitionmq.log.LogOperations;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.remote.RemoteConnection;
import io.partitionmq.store.FlushPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's append and fetch throughput, measured as Kafka's producer and consumer perf tools measure a
 * broker: two brokers (backup-count 1, so every append is replicated synchronously) in this JVM, and a client
 * reaching them over loopback through a broker's client port. Producing: batches of records, several in
 * flight, spread over the partitions. Consuming: one reader per partition from offset 0 to the end. Each run
 * starts fresh brokers; the report gives the median and the range of several runs.
 */
public final class EngineBenchmark {
    private record Settings(int records, int size, int batch, int inFlight, int partitions, int runs,
                            FlushPolicy flush) {
        static Settings parse(String[] args) {
            Map<String, String> given = BenchCluster.arguments(args);
            return new Settings(Integer.parseInt(given.getOrDefault("records", "1000000")),
                    Integer.parseInt(given.getOrDefault("size", "100")),
                    Integer.parseInt(given.getOrDefault("batch", "200")),
                    Integer.parseInt(given.getOrDefault("inflight", "8")),
                    Integer.parseInt(given.getOrDefault("partitions", "4")),
                    Integer.parseInt(given.getOrDefault("runs", "5")),
                    FlushPolicy.parse(given.getOrDefault("flush", "interval")));
        }
    }

    private record Run(double produced, double consumed, double heapBytesPerRecord) {
    }

    private EngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        System.out.println("settings: " + settings);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < settings.runs(); i++) {
            Run run = runOnce(settings, i);
            System.out.printf("run %d: produce %,.0f records/s, consume %,.0f records/s, heap %,.0f bytes/record%n",
                    i + 1, run.produced(), run.consumed(), run.heapBytesPerRecord());
            runs.add(run);
        }
        report("produce (records/s)", runs, Run::produced);
        report("consume (records/s)", runs, Run::consumed);
        report("heap per record, leader + backup (bytes)", runs, Run::heapBytesPerRecord);
        System.exit(0);
    }

    private static Run runOnce(Settings settings, int index) throws Exception {
        try (BenchCluster cluster = BenchCluster.start(settings.flush());
                RemoteConnection client = RemoteConnection.connect(cluster.clientAddresses(), cluster.name(),
                        Duration.ofSeconds(30))) {
            LogOperations logs = client.logs();
            // Warm up the JIT and the connections on a topic of its own, then measure on a fresh one.
            TopicMetadata warmUp = logs.createTopic("warm-up-" + index, settings.partitions(), Map.of());
            produce(client, warmUp, settings);
            consume(logs, warmUp, settings);
            TopicMetadata topic = logs.createTopic("bench-" + index, settings.partitions(), Map.of());
            long heapBefore = usedHeap();
            double produced = produce(client, topic, settings);
            double heapPerRecord = (usedHeap() - heapBefore) / (double) settings.records();
            double consumed = consume(logs, topic, settings);
            return new Run(produced, consumed, heapPerRecord);
        }
    }

    private static double produce(RemoteConnection client, TopicMetadata topic, Settings settings)
            throws Exception {
        byte[] value = new byte[settings.size()];
        List<ProducerRecord> batch = Collections.nCopies(settings.batch(),
                new ProducerRecord(null, Map.of(), value));
        int batches = settings.records() / settings.batch();
        Semaphore inFlight = new Semaphore(settings.inFlight());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < batches && failure.get() == null; i++) {
            inFlight.acquire();
            client.logs().appendAsync(client.batches().prepare(topic, i % topic.partitions(), batch))
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(settings.inFlight());
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("an append failed", failure.get());
        }
        return batches * (double) settings.batch() / (elapsed / 1e9);
    }

    private static double consume(LogOperations logs, TopicMetadata topic, Settings settings) {
        long start = System.nanoTime();
        List<CompletableFuture<Long>> readers = new ArrayList<>();
        for (int p = 0; p < topic.partitions(); p++) {
            int partition = p;
            readers.add(CompletableFuture.supplyAsync(() -> {
                long offset = 0;
                long read = 0;
                while (true) {
                    FetchResult fetched = logs.fetch(topic.name(), partition, offset, 20_000);
                    if (fetched.isEmpty()) {
                        return read;
                    }
                    read += fetched.records().size();
                    offset = fetched.nextOffset();
                }
            }));
        }
        long total = readers.stream().mapToLong(CompletableFuture::join).sum();
        long elapsed = System.nanoTime() - start;
        if (total != (long) (settings.records() / settings.batch()) * settings.batch()) {
            throw new IllegalStateException("read " + total + " records, expected all that were produced");
        }
        return total / (elapsed / 1e9);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void report(String what, List<Run> runs, java.util.function.ToDoubleFunction<Run> metric) {
        double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
        System.out.printf("%-42s median %,12.0f   min %,12.0f   max %,12.0f%n", what, values[values.length / 2],
                values[0], values[values.length - 1]);
    }
}
