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
            BrokerConnection connection = brokers.get(0).connect();
            TopicMetadata orders = connection.logs().createTopic("orders", 6);
            for (int p = 0; p < 6; p++) {
                connection.logs().append(orders, p, List.of(new ProducerRecord(null, Map.of(), new byte[100])));
            }
            List<BrokerStatus> statuses = connection.brokers().describe();
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
}
