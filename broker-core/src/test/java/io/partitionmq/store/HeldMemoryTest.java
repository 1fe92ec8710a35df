package io.partitionmq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.BrokerConfig;
import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.log.AcknowledgeType;
import io.partitionmq.log.AppendResult;
import io.partitionmq.log.FetchResult;
import io.partitionmq.log.OffsetOutOfRangeException;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.PartitionSummary;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.ShareRecord;
import io.partitionmq.log.TopicConfig;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.remote.RemoteConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica keeps only its newest batches in memory; older ones are read back from its segment files, so the
 * heap a partition takes stays bounded however long its log grows, and every reader still sees every record.
 */
class HeldMemoryTest {
    private static final long HELD = 4096;
    private static final int RECORDS = 1500;

    @TempDir
    Path data;

    private static TestBrokers brokers(int count, Path data) {
        return TestBrokers.start(count, data, config -> config.withHeldBytesPerReplica(HELD));
    }

    private static String text(int i) {
        return String.format("record %05d %s", i, "x".repeat(80));
    }

    private static List<AppendResult> appendNumbered(PartitionLogs logs, TopicMetadata topic, int count) {
        List<AppendResult> appended = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appended.add(logs.append(topic, 0,
                    List.of(new ProducerRecord(null, Map.of(), text(i).getBytes(StandardCharsets.UTF_8)))));
        }
        return appended;
    }

    /** Every record from {@code offset} to the end, fetched the way a consumer does: in bounded steps. */
    private static List<String> readFrom(PartitionLogs logs, String topic, long offset) {
        List<String> read = new ArrayList<>();
        long next = offset;
        while (true) {
            FetchResult result = logs.fetch(topic, 0, next, 100);
            if (result.isEmpty()) {
                return read;
            }
            result.records().forEach(r -> read.add(new String(r.value(), StandardCharsets.UTF_8)));
            next = result.nextOffset();
        }
    }

    private static List<String> expected(int from, int to) {
        List<String> texts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            texts.add(text(i));
        }
        return texts;
    }

    private static void assertHeldIsBounded(PartitionSummary summary) {
        assertTrue(summary.heldBytes() <= HELD, "the replica keeps at most its share in memory: " + summary);
        assertTrue(summary.sizeInBytes() > 20 * HELD, "while its log is much larger: " + summary);
    }

    @Test
    void oldBatchesLeaveMemoryAndEveryReaderStillFindsThem() {
        try (TestBrokers brokers = brokers(2, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("long", 1, Map.of(TopicConfig.SEGMENT_BYTES, "20000"));
            List<AppendResult> appended = appendNumbered(logs, topic, RECORDS);

            PartitionSummary summary = logs.summary("long", 0);
            assertHeldIsBounded(summary);
            assertTrue(summary.segments() > 5, "the log spans many segments: " + summary);

            assertEquals(expected(0, RECORDS), readFrom(logs, "long", 0));
            for (int probe : new int[] {1, 333, 777, 1001, RECORDS - 1}) {
                FetchResult one = logs.fetch("long", 0, probe, 1);
                assertEquals(probe, one.records().get(0).offset(), "a fetch starts where it was asked to");
                assertEquals(text(probe), new String(one.records().get(0).value(), StandardCharsets.UTF_8));

                long time = appended.get(probe).appendTime();
                long found = logs.offsetForTimestamp("long", 0, time).orElseThrow();
                assertTrue(found <= probe && appended.get((int) found).appendTime() >= time,
                        "offset " + found + " is at or after " + time);
                assertTrue(found == 0 || appended.get((int) found - 1).appendTime() < time,
                        "offset " + found + " is the first at or after " + time);
            }
        }
    }

    @Test
    void retentionDeletesSegmentsThatHadLeftMemory() {
        try (TestBrokers brokers = brokers(2, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("trimmed", 1, Map.of(TopicConfig.SEGMENT_BYTES, "20000"));
            appendNumbered(logs, topic, RECORDS);
            logs.alterConfig("trimmed", Map.of(TopicConfig.RETENTION_BYTES, "60000"));
            brokers.all().forEach(Broker::applyRetention);

            PartitionSummary after = logs.summary("trimmed", 0);
            assertTrue(after.startOffset() > 0, "old segments are gone: " + after);
            assertEquals(expected((int) after.startOffset(), RECORDS), readFrom(logs, "trimmed", after.startOffset()));
            OffsetOutOfRangeException gone = assertThrows(OffsetOutOfRangeException.class,
                    () -> logs.fetch("trimmed", 0, 0, 10));
            assertEquals(after.startOffset(), gone.startOffset());
        }
    }

    @Test
    void aReplicaThatMovedToAMemberIsWrittenToItsDiskAndLeavesMemoryRightAfterArriving() throws Exception {
        try (TestBrokers brokers = brokers(3, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("moving", 1, Map.of(TopicConfig.SEGMENT_BYTES, "20000"));
            appendNumbered(logs, topic, RECORDS);

            // The leader dies: its backup leads, and a new backup is copied whole to the third member.
            Broker leader = brokers.leaderOf("moving", 0);
            leader.kill();
            Broker survivor = brokers.all().stream().filter(Broker::isRunning).findFirst().orElseThrow();
            awaitSafe(survivor);
            Broker copy = brokers.all().stream().filter(b -> b.isRunning() && b != brokers.leaderOf("moving", 0))
                    .findFirst().orElseThrow();
            Path copyFiles = copy.config().dataDir().resolve("log").resolve("moving-0");
            TestBrokers.await(() -> "the copy is written to its broker's disk on arrival", Duration.ofSeconds(30),
                    () -> java.nio.file.Files.exists(copyFiles.resolve("replica.meta")));
            // Then the promoted leader dies too: the copy alone has the partition, its old batches on disk only.
            brokers.leaderOf("moving", 0).kill();
            PartitionLogs remaining = copy.connect().logs();
            assertHeldIsBounded(remaining.summary("moving", 0));
            assertEquals(expected(0, RECORDS), readFrom(remaining, "moving", 0));
            assertEquals(expected(0, RECORDS), readFrom(remaining, "moving", 0));
            assertEquals(RECORDS, remaining.append(topic, 0,
                    List.of(new ProducerRecord(null, Map.of(), new byte[1]))).baseOffset(), "offsets continue");
        }
    }

    @Test
    void aRestartedClusterReadsEveryRecordAndBoundsMemoryAgainOnceStarted() {
        List<BrokerConfig> configs;
        try (TestBrokers brokers = brokers(2, data)) {
            configs = brokers.all().stream().map(Broker::config).toList();
            PartitionLogs logs = brokers.get(0).connect().logs();
            appendNumbered(logs, logs.createTopic("again", 1, Map.of(TopicConfig.SEGMENT_BYTES, "20000")), RECORDS);
            brokers.all().forEach(Broker::close);
        }
        List<Broker> restarted = configs.stream().map(Broker::start).toList();
        try {
            PartitionLogs logs = restarted.get(0).connect().logs();
            assertHeldIsBounded(logs.summary("again", 0));
            assertEquals(expected(0, RECORDS), readFrom(logs, "again", 0));
            TopicMetadata topic = logs.topic("again");
            logs.append(topic, 0, List.of(new ProducerRecord(null, Map.of(), text(RECORDS).getBytes(
                    StandardCharsets.UTF_8))));
            assertHeldIsBounded(logs.summary("again", 0));
            assertEquals(expected(0, RECORDS + 1), readFrom(logs, "again", 0));
        } finally {
            restarted.forEach(Broker::close);
        }
    }

    @Test
    void aQueueConsumerThroughTheClientPortAcquiresRecordsThatLeftMemoryOnceEachInOrder() {
        try (TestBrokers brokers = brokers(2, data);
                RemoteConnection client = RemoteConnection.connect(brokers.clientAddresses(),
                        brokers.get(0).config().clusterName(), Duration.ofSeconds(10))) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("backlog", 1, Map.of(TopicConfig.SEGMENT_BYTES, "20000"));
            appendNumbered(logs, topic, RECORDS);
            assertHeldIsBounded(logs.summary("backlog", 0));

            List<String> acquired = new ArrayList<>();
            while (true) {
                List<ShareRecord> got = client.shares().acquire("backlog", 0, "workers", "c1", 70,
                        ShareGroups.Settings.DEFAULTS, null);
                if (got.isEmpty()) {
                    break;
                }
                long[] offsets = new long[got.size()];
                for (int i = 0; i < got.size(); i++) {
                    ShareRecord record = got.get(i);
                    assertEquals(acquired.size(), record.record().offset(), "records come in offset order");
                    assertEquals(1, record.deliveryCount());
                    acquired.add(new String(record.record().value(), StandardCharsets.UTF_8));
                    offsets[i] = record.record().offset();
                }
                client.shares().acknowledge("backlog", 0, "workers", "c1", offsets, AcknowledgeType.ACCEPT,
                        ShareGroups.Settings.DEFAULTS);
            }
            assertEquals(expected(0, RECORDS), acquired);
        }
    }

    private static void awaitSafe(Broker broker) throws InterruptedException {
        TestBrokers.await(() -> "the cluster re-creates its backups", Duration.ofSeconds(60),
                () -> broker.hazelcast().getPartitionService().isClusterSafe());
    }
}
