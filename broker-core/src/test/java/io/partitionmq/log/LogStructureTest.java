package io.partitionmq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.TestBrokers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments, retention, the time index, record limits and waiting reads, observed through PartitionLogs. */
class LogStructureTest {
    @TempDir
    static Path data;
    static TestBrokers brokers;
    static PartitionLogs logs;

    @BeforeAll
    static void start() {
        brokers = TestBrokers.start(2, data);
        logs = brokers.get(0).connect().logs();
    }

    @AfterAll
    static void stop() {
        brokers.close();
    }

    private static ProducerRecord record(int valueBytes) {
        return new ProducerRecord(null, Map.of(), new byte[valueBytes]);
    }

    @Test
    void segmentsRollAtSegmentBytesAndTheTimeIndexFindsTheFirstRecordAtOrAfterATimestamp() {
        TopicMetadata topic = logs.createTopic("rolling", 1, Map.of(TopicConfig.SEGMENT_BYTES, "1000"));
        List<AppendResult> appended = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            appended.add(logs.append(topic, 0, List.of(record(90))));
        }
        PartitionSummary summary = logs.summary("rolling", 0);
        assertEquals(200, summary.endOffset());
        assertTrue(summary.segments() >= 20, "about 10 batches of ~100 bytes per 1000-byte segment, got "
                + summary.segments() + " segments");

        for (int probe : new int[] {0, 37, 100, 150, 199}) {
            long time = appended.get(probe).appendTime();
            long found = logs.offsetForTimestamp("rolling", 0, time).orElseThrow();
            assertTrue(appended.get((int) found).appendTime() >= time);
            assertTrue(found == 0 || appended.get((int) found - 1).appendTime() < time,
                    "offset " + found + " is the first at or after " + time);
            assertTrue(found <= probe);
        }
        long last = appended.get(199).appendTime();
        assertTrue(logs.offsetForTimestamp("rolling", 0, last + 60_000).isEmpty(), "nothing is that recent");
    }

    @Test
    void segmentsRollAtSegmentRecords() {
        TopicMetadata topic = logs.createTopic("counted", 1, Map.of(TopicConfig.SEGMENT_RECORDS, "10"));
        for (int i = 0; i < 15; i++) {
            logs.append(topic, 0, List.of(record(10), record(10)));
        }
        assertEquals(3, logs.summary("counted", 0).segments(), "30 records, at most 10 per segment");
        logs.append(topic, 0, List.of(record(10), record(10), record(10), record(10), record(10), record(10),
                record(10), record(10), record(10), record(10), record(10), record(10)));
        assertEquals(4, logs.summary("counted", 0).segments(), "a batch larger than the limit gets its own segment");
        assertThrows(InvalidTopicException.class, () -> logs.alterConfig("counted",
                Map.of(TopicConfig.SEGMENT_RECORDS, "0")));
    }

    @Test
    void retentionBySizeDeletesWholeOldestSegmentsAndMovesTheStartOffset() {
        TopicMetadata topic = logs.createTopic("sized", 1, Map.of(TopicConfig.SEGMENT_BYTES, "1000"));
        for (int i = 0; i < 100; i++) {
            logs.append(topic, 0, List.of(record(90)));
        }
        PartitionSummary before = logs.summary("sized", 0);
        logs.alterConfig("sized", Map.of(TopicConfig.RETENTION_BYTES, "3000"));
        enforceRetention();

        PartitionSummary after = logs.summary("sized", 0);
        assertTrue(after.startOffset() > 0, "old segments are gone");
        assertTrue(after.sizeInBytes() >= 3000, "retention keeps at least retention.bytes: " + after);
        assertTrue(after.sizeInBytes() < 3000 + 1100, "and at most one segment more: " + after);
        assertTrue(after.segments() < before.segments());
        assertEquals(100, after.endOffset(), "the end never moves");
        assertEquals(after.startOffset(), logs.fetch("sized", 0, after.startOffset(), 1).records().get(0).offset());

        OffsetOutOfRangeException gone = assertThrows(OffsetOutOfRangeException.class,
                () -> logs.fetch("sized", 0, 0, 10));
        assertEquals(after.startOffset(), gone.startOffset(), "the answer names the earliest valid offset");
    }

    @Test
    void retentionByTimeDeletesSegmentsWhoseRecordsAreAllOlder() throws Exception {
        TopicMetadata topic = logs.createTopic("aged", 1, Map.of(TopicConfig.SEGMENT_MS, "1"));
        logs.append(topic, 0, List.of(record(10), record(10)));
        // The first segment's records must be older than the retention below when it is applied.
        TimeUnit.MILLISECONDS.sleep(1500);
        logs.append(topic, 0, List.of(record(10)));
        logs.alterConfig("aged", Map.of(TopicConfig.RETENTION_MS, "1000"));
        enforceRetention();

        PartitionSummary after = logs.summary("aged", 0);
        assertEquals(2, after.startOffset(), "the old segment (offsets 0 and 1) is deleted");
        assertEquals(1, after.segments());
        assertEquals(2, logs.fetch("aged", 0, 2, 10).records().get(0).offset());
    }

    @Test
    void underTheConsumedPolicyRetentionAlsoDropsTheSegmentsEveryGroupHasConsumed() {
        TopicMetadata topic = logs.createTopic("drained", 1, Map.of(TopicConfig.SEGMENT_BYTES, "1000",
                TopicConfig.RETENTION_POLICY, "consumed"));
        for (int i = 0; i < 100; i++) {
            logs.append(topic, 0, List.of(record(90)));
        }
        enforceRetention();
        assertEquals(0, logs.summary("drained", 0).startOffset(), "no group has consumed anything yet");

        var connection = brokers.get(0).connect();
        var readers = connection.groups().join("drain-readers", null, List.of("drained"),
                io.partitionmq.group.AssignmentStrategy.RANGE, Duration.ofMinutes(1));
        var partition = new io.partitionmq.group.TopicPartition("drained", 0);
        connection.groups().commit("drain-readers", readers.memberId(), readers.generation(), Map.of(partition, 30L),
                "");
        enforceRetention();
        long start = logs.summary("drained", 0).startOffset();
        assertTrue(start > 15 && start <= 30, "whole segments before the group's commit go: " + start);

        ShareGroups shares = connection.shares();
        List<ShareRecord> taken = shares.acquire("drained", 0, "drain-workers", "w", 60,
                ShareGroups.Settings.DEFAULTS, null);
        shares.acknowledge("drained", 0, "drain-workers", "w", taken.stream().mapToLong(r -> r.record().offset())
                .toArray(), AcknowledgeType.ACCEPT, ShareGroups.Settings.DEFAULTS);
        long workersDone = taken.get(taken.size() - 1).record().offset() + 1;
        enforceRetention();
        assertEquals(start, logs.summary("drained", 0).startOffset(), "the consumer group has not read further");

        connection.groups().commit("drain-readers", readers.memberId(), readers.generation(), Map.of(partition, 95L),
                "");
        enforceRetention();
        long drained = logs.summary("drained", 0).startOffset();
        assertTrue(drained > workersDone - 15 && drained <= workersDone,
                "now the queue's consumers, at " + workersDone + ", are the slowest: " + drained);
        assertEquals(100, logs.summary("drained", 0).endOffset(), "the end never moves");

        TopicMetadata kept = logs.createTopic("kept", 1, Map.of(TopicConfig.SEGMENT_BYTES, "1000"));
        for (int i = 0; i < 30; i++) {
            logs.append(kept, 0, List.of(record(90)));
        }
        List<ShareRecord> all = shares.acquire("kept", 0, "kept-workers", "w", 30, ShareGroups.Settings.DEFAULTS,
                null);
        shares.acknowledge("kept", 0, "kept-workers", "w", all.stream().mapToLong(r -> r.record().offset())
                .toArray(), AcknowledgeType.ACCEPT, ShareGroups.Settings.DEFAULTS);
        enforceRetention();
        assertEquals(0, logs.summary("kept", 0).startOffset(), "Kafka's policy (limits) keeps consumed records");

        InvalidTopicException bad = assertThrows(InvalidTopicException.class, () -> logs.createTopic("vague", 1,
                Map.of(TopicConfig.RETENTION_POLICY, "sometimes")));
        assertTrue(bad.getMessage().contains("'limits' or 'consumed'"), bad.getMessage());
    }

    private static void enforceRetention() {
        brokers.all().forEach(io.partitionmq.cluster.Broker::applyRetention);
    }

    @Test
    void deleteRecordsBeforeMovesTheStartAndRefusesOffsetsBeyondTheEnd() {
        TopicMetadata topic = logs.createTopic("trimmed", 1);
        for (int i = 0; i < 10; i++) {
            logs.append(topic, 0, List.of(record(5)));
        }
        assertEquals(4, logs.deleteRecordsBefore("trimmed", 0, 4));
        assertEquals(4, logs.fetch("trimmed", 0, 4, 1).records().get(0).offset());
        assertThrows(OffsetOutOfRangeException.class, () -> logs.fetch("trimmed", 0, 3, 1));
        assertThrows(OffsetOutOfRangeException.class, () -> logs.deleteRecordsBefore("trimmed", 0, 11));
        assertThrows(OffsetOutOfRangeException.class, () -> logs.deleteRecordsBefore("trimmed", 0, -1));
        assertEquals(4, logs.deleteRecordsBefore("trimmed", 0, 2), "the start never moves back");
        assertEquals(10, logs.deleteRecordsBefore("trimmed", 0, 10));
        assertTrue(logs.fetch("trimmed", 0, 10, 1).isEmpty());
        assertEquals(10, logs.append(topic, 0, List.of(record(5))).baseOffset(), "offsets are never reused");
    }

    @Test
    void aBatchAboveMaxMessageBytesIsRefusedNamingTheLimitAndNothingOfItIsWritten() {
        TopicMetadata topic = logs.createTopic("limited", 1, Map.of(TopicConfig.MAX_MESSAGE_BYTES, "500"));
        logs.append(topic, 0, List.of(record(100)));
        RecordTooLargeException tooLarge = assertThrows(RecordTooLargeException.class,
                () -> logs.append(topic, 0, List.of(record(100), record(600))));
        assertTrue(tooLarge.getMessage().contains("max.message.bytes=500"), tooLarge.getMessage());
        assertEquals(1, logs.summary("limited", 0).endOffset());

        // A producer holding the old settings is stopped by the partition itself.
        logs.alterConfig("limited", Map.of(TopicConfig.MAX_MESSAGE_BYTES, "50"));
        RecordTooLargeException byLeader = assertThrows(RecordTooLargeException.class,
                () -> logs.append(topic, 0, List.of(record(100))));
        assertTrue(byLeader.getMessage().contains("max.message.bytes=50"), byLeader.getMessage());
        assertEquals(1, logs.summary("limited", 0).endOffset());
    }

    @Test
    void badTopicRequestsAreRefusedWithTheReason() {
        InvalidTopicException unknownKey = assertThrows(InvalidTopicException.class,
                () -> logs.createTopic("badconfig", 1, Map.of("retention.hours", "5")));
        assertTrue(unknownKey.getMessage().contains("unknown topic config 'retention.hours'"));
        InvalidTopicException notANumber = assertThrows(InvalidTopicException.class,
                () -> logs.createTopic("badconfig", 1, Map.of(TopicConfig.RETENTION_MS, "soon")));
        assertTrue(notANumber.getMessage().contains("retention.ms must be a whole number"));
        assertThrows(InvalidTopicException.class,
                () -> logs.createTopic("badconfig", 1, Map.of(TopicConfig.SEGMENT_BYTES, "2")));
        assertThrows(InvalidTopicException.class, () -> logs.createTopic("badconfig", -3));
        assertTrue(logs.findTopic("badconfig").isEmpty(), "nothing was created");

        assertThrows(UnknownTopicException.class, () -> logs.alterConfig("nosuch", Map.of()));
        assertThrows(UnknownTopicException.class, () -> logs.deleteTopic("nosuch"));
        TopicMetadata one = logs.createTopic("single", 1);
        InvalidTopicException partition = assertThrows(InvalidTopicException.class,
                () -> logs.append(one, 3, List.of(record(1))));
        assertTrue(partition.getMessage().contains("partitions 0..0"), partition.getMessage());
        assertThrows(OffsetOutOfRangeException.class, () -> logs.fetch("single", 0, -1, 1));
        assertThrows(OffsetOutOfRangeException.class, () -> logs.fetch("single", 0, 5, 1));
    }

    @Test
    void topicsGrowPartitionsChangeSettingsAndDeleteWithTheirData() {
        TopicMetadata topic = logs.createTopic("managed", 2);
        logs.append(topic, 1, List.of(record(3)));
        assertEquals(4, logs.addPartitions("managed", 4).partitions());
        assertThrows(InvalidTopicException.class, () -> logs.addPartitions("managed", 3));
        TopicDescription described = logs.describe(logs.alterConfig("managed",
                Map.of(TopicConfig.RETENTION_MS, "60000")));
        assertEquals(60_000, described.config().retentionMs());
        assertEquals(4, described.partitionSummaries().size());
        assertEquals(1, described.records());

        logs.deleteTopic("managed");
        assertTrue(logs.findTopic("managed").isEmpty());
        TopicMetadata again = logs.createTopic("managed", 1);
        assertEquals(0, logs.summary("managed", 1).endOffset(), "the old partitions' data is gone");
        assertEquals(0, logs.append(again, 0, List.of(record(1))).baseOffset());
    }

    @Test
    void aReaderWaitingAtTheLogEndGetsRecordsAsSoonAsTheyArrive() throws Exception {
        TopicMetadata topic = logs.createTopic("waited", 1);
        CompletableFuture<FetchResult> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return logs.fetch("waited", 0, 0, 10, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        logs.append(topic, 0, List.of(record(7)));
        FetchResult result = waiting.get(20, TimeUnit.SECONDS);
        assertEquals(1, result.records().size(), "the wait ended with the record, long before its 30 s limit");

        FetchResult nothing = logs.fetch("waited", 0, 1, 10, Duration.ofMillis(200));
        assertTrue(nothing.isEmpty(), "with no append the wait runs out empty");
    }
}
