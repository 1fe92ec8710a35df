package io.partitionmq.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.partitionmq.log.MinimumClusterSize;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.TopicMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code partitionmq.cluster.min-size} at a majority, brokers that are fewer than it refuse to append and to
 * serve — what the smaller side of a network split does — and serve again once enough brokers are back.
 */
class SplitBrainProtectionTest {
    @TempDir
    Path data;

    private static List<ProducerRecord> one(String text) {
        return List.of(new ProducerRecord(null, Map.of(), text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void fewerBrokersThanTheMinimumRefuseAppendsAndReads() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(3, data, config -> config.withMinClusterSize(2))) {
            Broker last = brokers.get(2);
            PartitionLogs logs = last.connect().logs();
            TopicMetadata topic = logs.createTopic("guarded", 1);
            logs.append(topic, 0, one("before"));

            brokers.get(0).kill();
            awaitMembers(last, 2);
            assertEquals(1, logs.append(topic, 0, one("two of three")).baseOffset(), "two of three is enough");

            brokers.get(1).kill();
            awaitMembers(last, 1);
            SplitBrainProtectionException refused = assertThrows(SplitBrainProtectionException.class,
                    () -> logs.append(topic, 0, one("alone")));
            assertTrue(refused.getMessage().contains("partitionmq.cluster.min-size"), refused.getMessage());
            assertThrows(SplitBrainProtectionException.class, () -> logs.fetch("guarded", 0, 0, 10),
                    "a stale side serves nothing either");
        }
    }

    /**
     * Hazelcast's protection hears of a lost member only through an event, after the partition table has given
     * the survivor every partition without backups; the brokers' own check reads the member list, so a write in
     * between is refused too. Here Hazelcast's protection is left out (minimum 1) and the broker's own minimum
     * set to 2: the broker alone must still refuse.
     */
    @Test
    void aBrokerRefusesWritesAsSoonAsItsMemberListIsShortWithoutWaitingForHazelcastsProtection() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            Broker survivor = brokers.get(1);
            PartitionLogs logs = survivor.connect().logs();
            TopicMetadata topic = logs.createTopic("guarded", 1);
            survivor.hazelcast().getUserContext().put(MinimumClusterSize.CONTEXT_KEY, new MinimumClusterSize(2, 1));
            logs.append(topic, 0, one("two of two"));

            brokers.get(0).kill();
            TestBrokers.await(() -> "the survivor sees itself alone", Duration.ofSeconds(30),
                    () -> survivor.hazelcast().getCluster().getMembers().size() == 1);
            SplitBrainProtectionException refused = assertThrows(SplitBrainProtectionException.class,
                    () -> logs.append(topic, 0, one("alone")));
            assertTrue(refused.getMessage().contains("sees 1 of the 2 brokers"), refused.getMessage());
            assertThrows(SplitBrainProtectionException.class, () -> logs.deleteRecordsBefore("guarded", 0, 1),
                    "deleting records is a write too");
            ShareGroups shares = new ShareGroups(survivor.hazelcast(), logs);
            assertThrows(SplitBrainProtectionException.class, () -> shares.acquire("guarded", 0, "workers", "a", 10,
                    ShareGroups.Settings.DEFAULTS, null), "locking records for a consumer changes the group");
            assertThrows(SplitBrainProtectionException.class, () -> logs.createTopic("another", 1),
                    "creating a topic is a write");
            assertEquals(1, logs.fetch("guarded", 0, 0, 10).records().size(),
                    "nothing was appended or deleted, and reads are left to Hazelcast's protection");
        }
    }

    /**
     * A broker that has noticed only part of a split still counts enough members, while the partitions it was
     * just promoted to lead have no backup. Kafka's min.insync.replicas: a write reaches as many brokers as the
     * minimum asks for, or waits. Here migrations are held back (cluster state NO_MIGRATION) so the partition
     * whose backup broker died stays without one until they are allowed again.
     */
    @Test
    void aWriteWaitsWhileItsPartitionHasFewerCopiesThanTheMinimumAndLandsOnceABackupIsPlaced() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(3, data, config -> config.withMinClusterSize(2))) {
            TopicMetadata topic = brokers.get(0).connect().logs().createTopic("guarded", 1);
            Broker leader = brokers.leaderOf("guarded", 0);
            PartitionLogs logs = leader.connect().logs();
            logs.append(topic, 0, one("with a backup"));
            Broker backup = brokers.firstBackupOf("guarded", 0);
            leader.hazelcast().getCluster().changeClusterState(ClusterState.NO_MIGRATION);

            backup.kill();
            TestBrokers.await(() -> "the leader sees two brokers", Duration.ofSeconds(30),
                    () -> leader.hazelcast().getCluster().getMembers().size() == 2);
            assertTrue(leader.placementOf("guarded", 1).get(0).backups().isEmpty(), "no backup is placed yet");
            CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(
                    () -> logs.append(topic, 0, one("needs a backup")).baseOffset());
            assertThrows(TimeoutException.class, () -> waiting.get(2, TimeUnit.SECONDS),
                    "two brokers are listed, but the write would have one copy");

            leader.hazelcast().getCluster().changeClusterState(ClusterState.ACTIVE);
            assertEquals(1, waiting.get(60, TimeUnit.SECONDS), "the write lands once a backup is placed");
            assertEquals(1, leader.placementOf("guarded", 1).get(0).backups().size());
        }
    }

    private static void awaitMembers(Broker broker, int members) throws InterruptedException {
        TestBrokers.await(() -> "the cluster settles at " + members + " members", Duration.ofSeconds(30),
                () -> broker.hazelcast().getCluster().getMembers().size() == members
                        && (members == 1 ? broker.health().belowMinimumSize()
                                : broker.hazelcast().getPartitionService().isClusterSafe()));
    }
}
