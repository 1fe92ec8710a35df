package io.partitionmq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.BrokerConfig;
import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.cluster.DirectConnection;
import io.partitionmq.group.AssignmentStrategy;
import io.partitionmq.group.GroupMembership;
import io.partitionmq.group.TopicPartition;
import io.partitionmq.log.AcknowledgeType;
import io.partitionmq.log.BatchPreparer;
import io.partitionmq.log.FetchResult;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.ShareRecord;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.TopicConfig;
import io.partitionmq.log.TopicMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What was acknowledged is back after brokers stop, or die, and start again over the same data directories. */
class PersistenceTest {
    @TempDir
    Path data;

    private static ProducerRecord value(String text) {
        return new ProducerRecord(null, Map.of("h", text), text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> values(FetchResult result) {
        return result.records().stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private static List<String> appendNumbered(PartitionLogs logs, TopicMetadata topic, int partition, int count) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = topic.name() + "/" + partition + "#" + i;
            logs.append(topic, partition, List.of(value(text)));
            sent.add(text);
        }
        return sent;
    }

    @Test
    void aRestartedBrokerHasItsTopicsSettingsRecordsAndOffsetsBack() {
        BrokerConfig config = BrokerConfig.loopback(TestBrokers.freePort(), data);
        List<String> sent;
        try (Broker broker = Broker.start(config)) {
            PartitionLogs logs = broker.connect().logs();
            TopicMetadata topic = logs.createTopic("durable", 2, Map.of(TopicConfig.SEGMENT_BYTES, "300"));
            sent = appendNumbered(logs, topic, 1, 50);
            logs.alterConfig("durable", Map.of(TopicConfig.RETENTION_MS, "86400000"));
            logs.deleteRecordsBefore("durable", 1, 5);
        }
        try (Broker broker = Broker.start(config)) {
            PartitionLogs logs = broker.connect().logs();
            TopicMetadata topic = logs.findTopic("durable").orElseThrow();
            assertEquals(2, topic.partitions());
            assertEquals(86_400_000L, topic.config().retentionMs());
            assertEquals(300, topic.config().segmentBytes());
            assertEquals(5, logs.summary("durable", 1).startOffset());
            assertEquals(sent.subList(5, 50), values(logs.fetch("durable", 1, 5, 1000)));
            assertEquals(50, logs.append(topic, 1, List.of(value("next"))).baseOffset(), "offsets continue");
        }
    }

    @Test
    void withFlushAlwaysEveryAcknowledgedRecordSurvivesAProcessThatDiesWithoutShuttingDown() throws IOException {
        BrokerConfig config = BrokerConfig.loopback(TestBrokers.freePort(), data).withFlush(FlushPolicy.ALWAYS);
        Broker broker = Broker.start(config);
        PartitionLogs logs = broker.connect().logs();
        List<String> sent = appendNumbered(logs, logs.createTopic("crashy", 1), 0, 40);
        broker.kill();
        assertTrue(Files.size(onlySegmentOf(data.resolve("log").resolve("crashy-0"))) >= FileLogStore.PREALLOCATION,
                "the active segment was extended ahead of its data, and the broker died with it so");

        try (Broker restarted = Broker.start(config)) {
            assertEquals(sent, values(restarted.connect().logs().fetch("crashy", 0, 0, 1000)));
        }
    }

    @Test
    void aClusterStoppedWholeHasEveryRecordBackInOrder() {
        List<String> sent = new ArrayList<>();
        List<BrokerConfig> configs;
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            configs = brokers.all().stream().map(Broker::config).toList();
            PartitionLogs logs = brokers.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("cluster", 4, Map.of(TopicConfig.SEGMENT_BYTES, "400"));
            for (int p = 0; p < 4; p++) {
                sent.addAll(appendNumbered(logs, topic, p, 30));
            }
        }
        List<Broker> restarted = configs.stream().map(Broker::start).toList();
        try {
            PartitionLogs logs = restarted.get(1).connect().logs();
            List<String> read = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                read.addAll(values(logs.fetch("cluster", p, 0, 1000)));
            }
            assertEquals(sent, read);
        } finally {
            restarted.forEach(Broker::close);
        }
    }

    @Test
    void aQueuesPositionSurvivesARestart() {
        BrokerConfig config = BrokerConfig.loopback(TestBrokers.freePort(), data);
        ShareGroups.Settings settings = ShareGroups.Settings.DEFAULTS;
        try (Broker broker = Broker.start(config)) {
            DirectConnection connection = broker.connect();
            appendNumbered(connection.logs(), connection.logs().createTopic("work", 1), 0, 5);
            List<ShareRecord> taken = connection.shares().acquire("work", 0, "workers", "c", 3, settings, null);
            connection.shares().acknowledge("work", 0, "workers", "c",
                    taken.stream().mapToLong(r -> r.record().offset()).toArray(), AcknowledgeType.ACCEPT, settings);
        }
        try (Broker broker = Broker.start(config)) {
            List<ShareRecord> rest = broker.connect().shares().acquire("work", 0, "workers", "c2", 10, settings,
                    null);
            assertEquals(List.of("work/0#3", "work/0#4"),
                    rest.stream().map(r -> new String(r.record().value(), StandardCharsets.UTF_8)).toList(),
                    "records accepted before the restart are not delivered again");
        }
    }

    @Test
    void aConsumerGroupsCommittedOffsetsSurviveARestart() {
        BrokerConfig config = BrokerConfig.loopback(TestBrokers.freePort(), data);
        TopicPartition first = new TopicPartition("tracked", 0);
        try (Broker broker = Broker.start(config)) {
            DirectConnection connection = broker.connect();
            connection.logs().createTopic("tracked", 1);
            GroupMembership member = connection.groups().join("trackers", null, List.of("tracked"),
                    AssignmentStrategy.RANGE, java.time.Duration.ofMinutes(1));
            connection.groups().commit("trackers", member.memberId(), member.generation(), Map.of(first, 3L), "");
        }
        try (Broker broker = Broker.start(config)) {
            assertEquals(3L, broker.connect().groups().committed("trackers", first).getAsLong());
        }
    }

    @Test
    void aTornLastWriteIsDroppedAndEverythingBeforeItIsBack() throws IOException {
        BrokerConfig config = BrokerConfig.loopback(TestBrokers.freePort(), data).withFlush(FlushPolicy.ALWAYS);
        List<String> sent;
        try (Broker broker = Broker.start(config)) {
            PartitionLogs logs = broker.connect().logs();
            sent = appendNumbered(logs, logs.createTopic("torn", 1), 0, 10);
        }
        Path segment = onlySegmentOf(data.resolve("log").resolve("torn-0"));
        Files.write(segment, new byte[] {0, 0, 0, 99, 1, 2, 3}, StandardOpenOption.APPEND);

        try (Broker broker = Broker.start(config)) {
            PartitionLogs logs = broker.connect().logs();
            assertEquals(sent, values(logs.fetch("torn", 0, 0, 100)));
            assertEquals(10, logs.append(logs.topic("torn"), 0, List.of(value("after"))).baseOffset());
        }
    }

    @Test
    void retentionAndTopicDeletionRemoveTheFiles() {
        BrokerConfig config = BrokerConfig.loopback(TestBrokers.freePort(), data);
        try (Broker broker = Broker.start(config)) {
            PartitionLogs logs = broker.connect().logs();
            TopicMetadata topic = logs.createTopic("shrinking", 1, Map.of(TopicConfig.SEGMENT_BYTES, "200"));
            appendNumbered(logs, topic, 0, 40);
            Path dir = data.resolve("log").resolve("shrinking-0");
            long before = segmentCount(dir);
            logs.deleteRecordsBefore("shrinking", 0, 30);
            assertTrue(segmentCount(dir) < before, "segments wholly before offset 30 are deleted from disk");

            logs.deleteTopic("shrinking");
            assertFalse(Files.exists(dir));
            assertFalse(Files.exists(data.resolve("topics").resolve("shrinking.topic")));
        }
    }

    private static long segmentCount(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".log")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path onlySegmentOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow();
        }
    }

    @Test
    void anAppendRetriedAfterAFullClusterRestartIsAnsweredWithItsFirstOffsetsAndLandsOnce() throws Exception {
        io.partitionmq.log.PreparedAppend retried;
        io.partitionmq.log.AppendResult first;
        List<BrokerConfig> configs;
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            configs = brokers.all().stream().map(Broker::config).toList();
            PartitionLogs logs = brokers.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("retried", 1, Map.of(TopicConfig.SEGMENT_BYTES, "300"));
            appendNumbered(logs, topic, 0, 10);
            retried = new BatchPreparer().prepare(topic, 0, List.of(value("once")));
            first = logs.appendAsync(retried).toCompletableFuture().get();
            appendNumbered(logs, topic, 0, 10);
            brokers.all().forEach(Broker::close);
        }
        List<Broker> restarted = configs.stream().map(Broker::start).toList();
        try {
            PartitionLogs logs = restarted.get(1).connect().logs();
            io.partitionmq.log.AppendResult again = logs.appendAsync(retried).toCompletableFuture().get();
            assertEquals(first.baseOffset(), again.baseOffset(), "the retry is recognised after the restart");
            assertEquals(21, logs.summary("retried", 0).endOffset(), "and lands nothing");
            assertEquals(List.of("once"), values(logs.fetch("retried", 0, first.baseOffset(), 1)));
        } finally {
            restarted.forEach(Broker::close);
        }
    }

    @Test
    void durableSubscriptionsAreKnownAgainAfterARestartAndDeletedOnesStayDeleted() {
        BrokerConfig config = BrokerConfig.loopback(TestBrokers.freePort(), data);
        io.partitionmq.group.Subscription kept = new io.partitionmq.group.Subscription("durable:app:audit",
                "news", "region = 'north'", true, false, true);
        io.partitionmq.group.Subscription dropped = new io.partitionmq.group.Subscription("durable:app:old",
                "news", null, false, false, true);
        io.partitionmq.group.Subscription passing = new io.partitionmq.group.Subscription("shared:app:live",
                "news", null, false, true, false);
        try (Broker broker = Broker.start(config)) {
            DirectConnection connection = broker.connect();
            connection.logs().createTopic("news", 2);
            connection.subscriptions().open(kept);
            connection.subscriptions().open(dropped);
            connection.subscriptions().attach(passing, "consumer-1");
            assertTrue(connection.subscriptions().unsubscribe(dropped.id()));
        }
        try (Broker broker = Broker.start(config)) {
            DirectConnection connection = broker.connect();
            assertEquals(java.util.Optional.of(kept), connection.subscriptions().find(kept.id()),
                    "topic, selector and options are back");
            assertTrue(connection.subscriptions().find(dropped.id()).isEmpty(), "an unsubscribed one stays gone");
            assertTrue(connection.subscriptions().find(passing.id()).isEmpty(),
                    "a non-durable shared subscription ended with its consumers");
        }
    }

    @Test
    void aBrokerDeletesTheFilesOfReplicasThatMovedToABrokerThatJoined() throws Exception {
        List<Integer> ports = List.of(TestBrokers.freePort(), TestBrokers.freePort(), TestBrokers.freePort());
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        List<BrokerConfig> configs = ports.stream().map(p -> BrokerConfig.loopback(p, data.resolve("b" + p))
                .withCluster("moving-" + ports.get(0), members).withRetentionCheckInterval(java.time.Duration
                        .ofMillis(300))).toList();
        List<Broker> brokers = new ArrayList<>();
        try {
            brokers.add(Broker.start(configs.get(0)));
            brokers.add(Broker.start(configs.get(1)));
            PartitionLogs logs = brokers.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("spread", 12);
            List<List<String>> sent = new ArrayList<>();
            for (int p = 0; p < 12; p++) {
                sent.add(appendNumbered(logs, topic, p, 5));
            }
            brokers.add(Broker.start(configs.get(2)));

            TestBrokers.await(() -> "each broker keeps files only of the replicas it holds: "
                    + brokers.stream().map(b -> storedReplicas(b) + " vs " + heldReplicas(b, 12)).toList(),
                    java.time.Duration.ofSeconds(60),
                    () -> brokers.stream().allMatch(b -> storedReplicas(b).equals(heldReplicas(b, 12))));
            assertTrue(storedReplicas(brokers.get(0)).size() < 12, "some replicas moved away from the first");
            for (int p = 0; p < 12; p++) {
                assertEquals(sent.get(p), values(brokers.get(2).connect().logs().fetch("spread", p, 0, 100)));
            }
        } finally {
            brokers.forEach(Broker::close);
        }
    }

    /** The partitions whose replica directories a broker has. */
    private static java.util.Set<Integer> storedReplicas(Broker broker) {
        try (Stream<Path> dirs = Files.list(broker.config().dataDir().resolve("log"))) {
            return dirs.map(dir -> dir.getFileName().toString()).filter(name -> name.startsWith("spread-"))
                    .map(name -> Integer.parseInt(name.substring("spread-".length())))
                    .collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The partitions a broker leads or backs up. */
    private static java.util.Set<Integer> heldReplicas(Broker broker, int partitions) {
        return broker.placementOf("spread", partitions).stream()
                .filter(p -> p.leader().equals(broker.id()) || p.backups().contains(broker.id()))
                .map(io.partitionmq.cluster.PartitionPlacement::partition)
                .collect(java.util.stream.Collectors.toSet());
    }
}
