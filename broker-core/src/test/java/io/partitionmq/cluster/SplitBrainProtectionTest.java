package io.partitionmq.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.TopicMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    private static void awaitMembers(Broker broker, int members) throws InterruptedException {
        TestBrokers.await(() -> "the cluster settles at " + members + " members", Duration.ofSeconds(30),
                () -> broker.hazelcast().getCluster().getMembers().size() == members
                        && (members == 1 ? broker.health().belowMinimumSize()
                                : broker.hazelcast().getPartitionService().isClusterSafe()));
    }
}
