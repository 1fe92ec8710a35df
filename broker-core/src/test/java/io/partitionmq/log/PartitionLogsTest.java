package io.partitionmq.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.TestBrokers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogsTest {
    @TempDir
    static Path data;
    static TestBrokers brokers;
    static PartitionLogs logs;

    @BeforeAll
    static void start() {
        brokers = TestBrokers.start(1, data);
        logs = brokers.get(0).connect().logs();
    }

    @AfterAll
    static void stop() {
        brokers.close();
    }

    static ProducerRecord record(String value) {
        return new ProducerRecord(null, Map.of("n", value), value.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> values(FetchResult result) {
        return result.records().stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void createdTopicHasItsPartitionsEachStartingEmpty() {
        logs.createTopic("orders", 3);
        TopicDescription description = logs.describe(logs.findTopic("orders").orElseThrow());
        assertEquals(3, description.partitions());
        assertEquals(List.of(new PartitionSummary(0, 0, 0, 0, 0, 0), new PartitionSummary(1, 0, 0, 0, 0, 0),
                new PartitionSummary(2, 0, 0, 0, 0, 0)), description.partitionSummaries());
        assertThrows(TopicExistsException.class, () -> logs.createTopic("orders", 3));
    }

    /**
     * Hazelcast runs what depends on one of its futures on its default async executor, which starts a thread per
     * step on a machine with two cores or fewer: a synchronous append then cost four times what it does.
     */
    @Test
    void appendsOneAtATimeStartNoThreadEach() {
        TopicMetadata steady = logs.createTopic("steady", 1);
        for (int i = 0; i < 20; i++) {
            logs.appendAsync(steady, 0, List.of(record("warm-up " + i))).toCompletableFuture().join();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();
        for (int i = 0; i < 200; i++) {
            logs.appendAsync(steady, 0, List.of(record("record " + i))).toCompletableFuture().join();
        }
        long started = threads.getTotalStartedThreadCount() - startedBefore;
        assertTrue(started < 20, "200 appends started " + started + " threads");
        assertEquals(220, logs.summary("steady", 0).endOffset());
    }

    @Test
    void recordsSentOneAtATimeByManyThreadsLandOnceEachInEachSendersOrder() throws Exception {
        TopicMetadata busy = logs.createTopic("busy", 1);
        PartitionAppender appender = new PartitionAppender(logs, new BatchPreparer());
        int senders = 4;
        int each = 2_000;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            threads.add(new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    appender.append(busy, 0, record(sender + ":" + i)).exceptionally(e -> {
                        failures.add(e);
                        return -1L;
                    });
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        appender.awaitAll();
        assertEquals(List.of(), failures);
        List<String> landed = new ArrayList<>();
        for (long offset = 0; offset < senders * each; ) {
            FetchResult fetched = logs.fetch("busy", 0, offset, 1_000);
            landed.addAll(values(fetched));
            offset = fetched.nextOffset();
        }
        assertEquals(senders * each, landed.size());
        assertEquals(senders * each, new java.util.HashSet<>(landed).size(), "no record landed twice");
        for (int s = 0; s < senders; s++) {
            String prefix = s + ":";
            List<Integer> order = landed.stream().filter(v -> v.startsWith(prefix))
                    .map(v -> Integer.parseInt(v.substring(prefix.length()))).toList();
            assertEquals(java.util.stream.IntStream.range(0, each).boxed().toList(), order,
                    "sender " + s + "'s records are in the order sent");
        }
        assertEquals(senders * each, logs.describe(busy).partitionSummaries().get(0).endOffset());
    }

    @Test
    void aRecordAboveTheLimitIsRefusedWhenSentAndNothingIsWritten() {
        TopicMetadata small = logs.createTopic("small", 1, Map.of(TopicConfig.MAX_MESSAGE_BYTES, "200"));
        PartitionAppender appender = new PartitionAppender(logs, new BatchPreparer());
        RecordTooLargeException refused = assertThrows(RecordTooLargeException.class, () -> appender.append(small,
                0, new ProducerRecord(null, Map.of(), new byte[500])));
        assertTrue(refused.getMessage().contains("200"), refused.getMessage());
        assertEquals(0L, appender.append(small, 0, record("fits")).join(), "the next record takes offset 0");
    }

    @Test
    void aSearchFindsWhatItsFilterSelectsOldestOrNewestFirstWithinItsScanLimit() {
        TopicMetadata audit = logs.createTopic("audit", 1);
        for (int batch = 0; batch < 10; batch++) {
            List<ProducerRecord> records = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = batch * 10 + i;
                records.add(new ProducerRecord(null, Map.of("kind", n % 3 == 0 ? "refund" : "sale"),
                        ("event-" + n).getBytes(StandardCharsets.UTF_8)));
            }
            logs.append(audit, 0, records);
        }
        HeaderFilter refunds = new HeaderFilter("kind", "refund");

        SearchResult oldest = logs.search("audit", 0, 0, false, refunds, 3, 1_000);
        assertEquals(List.of(0L, 3L, 6L), oldest.records().stream().map(Record::offset).toList());
        assertEquals(7, oldest.resumeAt(), "the next page starts after the last record looked at");
        assertEquals(List.of(9L, 12L), logs.search("audit", 0, oldest.resumeAt(), false, refunds, 2, 1_000)
                .records().stream().map(Record::offset).toList());

        SearchResult newest = logs.search("audit", 0, Long.MAX_VALUE, true, refunds, 3, 1_000);
        assertEquals(List.of(99L, 96L, 93L), newest.records().stream().map(Record::offset).toList());
        assertEquals(List.of(90L), logs.search("audit", 0, newest.resumeAt(), true, refunds, 1, 1_000).records()
                .stream().map(Record::offset).toList(), "newest first pages on downwards");

        SearchResult bounded = logs.search("audit", 0, 0, false, new HeaderFilter("kind", "none"), 10, 25);
        assertTrue(bounded.records().isEmpty());
        assertEquals(25, bounded.scanned(), "no more records are looked at than the scan limit");
        assertEquals(25, bounded.resumeAt());
        assertThrows(IllegalArgumentException.class, () -> logs.search("audit", 0, -1, false, null, 1, 1));
        assertThrows(UnknownTopicException.class, () -> logs.search("nowhere", 0, 0, false, null, 1, 1));
    }

    @Test
    void appendedBatchesGetDenseOffsetsAndReadBackFromAnyOffset() {
        TopicMetadata dense = logs.createTopic("dense", 1);
        AppendResult first = logs.append(dense, 0, List.of(record("a"), record("b"), record("c")));
        AppendResult second = logs.append(dense, 0, List.of(record("d"), record("e")));
        assertEquals(0, first.baseOffset());
        assertEquals(2, first.lastOffset());
        assertEquals(3, second.baseOffset());
        assertEquals(4, second.lastOffset());

        FetchResult fromMiddle = logs.fetch("dense", 0, 1, 3);
        assertEquals(List.of("b", "c", "d"), values(fromMiddle));
        assertEquals(List.of(1L, 2L, 3L), fromMiddle.records().stream().map(Record::offset).toList());
        assertEquals(4, fromMiddle.nextOffset());
        assertEquals(5, fromMiddle.endOffset());
        assertEquals(List.of("e"), values(logs.fetch("dense", 0, 4, 100)));
        assertTrue(logs.fetch("dense", 0, 5, 100).isEmpty());
    }

    @Test
    void recordsKeepTheirKeyHeadersAndAppendTime() {
        logs.createTopic("typed", 1);
        Map<String, Object> headers = Map.of("s", "text", "i", 42, "l", 7L, "b", true, "d", 1.5, "f", 2.5f,
                "y", (byte) 3, "h", (short) 4, "raw", new byte[] {1, 2});
        long before = System.currentTimeMillis();
        logs.append(logs.topic("typed"), 0, List.of(new ProducerRecord("k".getBytes(StandardCharsets.UTF_8), headers,
                new byte[] {9})));
        Record read = logs.fetch("typed", 0, 0, 1).records().get(0);
        assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), read.key());
        assertEquals("text", read.headers().get("s"));
        assertEquals(42, read.headers().get("i"));
        assertEquals(7L, read.headers().get("l"));
        assertEquals(true, read.headers().get("b"));
        assertEquals(1.5, read.headers().get("d"));
        assertEquals(2.5f, read.headers().get("f"));
        assertEquals((byte) 3, read.headers().get("y"));
        assertEquals((short) 4, read.headers().get("h"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) read.headers().get("raw"));
        assertArrayEquals(new byte[] {9}, read.value());
        assertTrue(read.timestamp() >= before && read.timestamp() <= System.currentTimeMillis());
    }

    @Test
    void topicIsCreatedOnFirstUseWithTheDefaultPartitionCount() {
        TopicMetadata first = logs.topic("auto");
        TopicMetadata again = logs.topic("auto");
        assertEquals(4, first.partitions());
        assertEquals(first, again);
    }

    @Test
    void badTopicNamesAndPartitionCountsAreRefusedWithAReason() {
        InvalidTopicException space = assertThrows(InvalidTopicException.class, () -> logs.topic("bad name"));
        assertTrue(space.getMessage().contains("illegal character"), space.getMessage());
        assertThrows(InvalidTopicException.class, () -> logs.topic(""));
        assertThrows(InvalidTopicException.class, () -> logs.topic("x".repeat(250)));
        InvalidTopicException zero = assertThrows(InvalidTopicException.class, () -> logs.createTopic("zero", 0));
        assertTrue(zero.getMessage().contains("at least one partition"), zero.getMessage());
        assertTrue(logs.findTopic("zero").isEmpty());
    }

    @Test
    void aWatcherHearsOfAppendsToItsPartition() throws Exception {
        logs.createTopic("watched", 2);
        CountDownLatch appended = new CountDownLatch(1);
        try (AutoCloseable watch = logs.watch("watched", 1, appended::countDown)) {
            logs.append(logs.topic("watched"), 1, List.of(record("x")));
            assertTrue(appended.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void concurrentAppendersNeverShareAnOffset() throws Exception {
        TopicMetadata contended = logs.createTopic("contended", 1);
        int threads = 4;
        int batches = 50;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "t" + t;
            Thread worker = new Thread(() -> {
                for (int i = 0; i < batches; i++) {
                    logs.append(contended, 0, List.of(record(name + "-" + i), record(name + "-" + i + "b")));
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        FetchResult all = logs.fetch("contended", 0, 0, 10_000);
        assertEquals(threads * batches * 2, all.records().size());
        for (int i = 0; i < all.records().size(); i++) {
            assertEquals(i, all.records().get(i).offset());
        }
        assertEquals(threads * batches * 2, values(all).stream().distinct().count());
    }
}
