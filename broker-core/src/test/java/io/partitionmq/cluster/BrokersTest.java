package io.partitionmq.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.TopicMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every broker reports who it is and what it holds. */
class BrokersTest {
    @TempDir
    Path data;

    @Test
    void eachBrokerReportsItsIdAddressPartitionsAndDisk() {
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            DirectConnection connection = brokers.get(0).connect();
            TopicMetadata orders = connection.logs().createTopic("orders", 6);
            for (int p = 0; p < 6; p++) {
                connection.logs().append(orders, p, List.of(new ProducerRecord(null, Map.of(), new byte[100])));
            }
            connection.logs().fetch("orders", 0, 0, 10);
            List<BrokerStatus> statuses = connection.brokers().describe();
            assertEquals(6, statuses.stream().mapToLong(BrokerStatus::recordsIn).sum(),
                    "the leaders count what was appended");
            assertEquals(1, statuses.stream().mapToLong(BrokerStatus::recordsOut).sum(),
                    "and what they delivered");
            assertEquals(2, statuses.size());
            assertEquals(Set.of(brokers.get(0).id(), brokers.get(1).id()),
                    statuses.stream().map(BrokerStatus::id).collect(Collectors.toSet()));
            assertEquals(Set.copyOf(brokers.addresses()),
                    statuses.stream().map(BrokerStatus::address).collect(Collectors.toSet()));
            assertEquals(6, statuses.stream().mapToInt(BrokerStatus::ledPartitions).sum(),
                    "each partition has one leader");
            assertEquals(6, statuses.stream().mapToInt(BrokerStatus::backupPartitions).sum(),
                    "and one backup (backup-count 1)");
            for (BrokerStatus status : statuses) {
                assertTrue(status.startedAt() > 0 && status.startedAt() <= System.currentTimeMillis(),
                        status.toString());
                assertTrue(status.diskBytes() > 0, "its replicas are on disk: " + status);
                assertTrue(status.heapUsedBytes() > 0 && status.heapMaxBytes() >= status.heapUsedBytes(),
                        status.toString());
            }
        }
    }

    @Test
    void eachPartitionNamesItsLeaderAndItsBackupAndIsUnderReplicatedOnceTheBackupIsGone() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            brokers.get(0).connect().logs().createTopic("placed", 4);
            Set<String> ids = Set.of(brokers.get(0).id(), brokers.get(1).id());
            for (PartitionPlacement placement : brokers.get(1).placementOf("placed", 4)) {
                assertEquals(brokers.leaderOf("placed", placement.partition()).id(), placement.leader());
                assertEquals(1, placement.backups().size(), "backup-count 1: " + placement);
                assertEquals(ids, Set.of(placement.leader(), placement.backups().get(0)),
                        "leader and backup are the two brokers: " + placement);
                assertTrue(!placement.underReplicated(), placement.toString());
            }

            brokers.get(0).kill();
            TestBrokers.await(() -> "the survivor takes over", java.time.Duration.ofSeconds(30),
                    () -> brokers.get(1).placementOf("placed", 4).stream()
                            .allMatch(p -> p.leader().equals(brokers.get(1).id())));
            for (PartitionPlacement placement : brokers.get(1).placementOf("placed", 4)) {
                assertEquals(brokers.get(1).id(), placement.leader(), "the survivor leads: " + placement);
                assertEquals(List.of(), placement.backups());
                assertTrue(placement.underReplicated(), "no broker is left for the backup: " + placement);
            }
        }
    }
}
