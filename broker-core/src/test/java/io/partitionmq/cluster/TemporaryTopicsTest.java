package io.partitionmq.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.map.listener.EntryRemovedListener;
import io.partitionmq.log.PartitionLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary topics go with their owner: deleted by it, or by the brokers once its lease has expired. */
class TemporaryTopicsTest {
    @TempDir
    Path data;

    @Test
    void aTemporaryTopicWhoseOwnerStoppedRenewingItsLeaseIsDeletedByTheBrokers() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            DirectConnection connection = brokers.get(0).connect();
            PartitionLogs logs = connection.logs();
            Leases leases = connection.leases();
            assertTrue(leases.acquire("connection:alive", "alive", Duration.ofSeconds(60)));
            assertTrue(leases.acquire("connection:dead", "dead", Duration.ofMillis(300)));
            connection.temporaryTopics().create("tmp.alive.1", "connection:alive");
            CountDownLatch deleted = new CountDownLatch(1);
            brokers.get(0).hazelcast().getMap(PartitionLogs.TOPICS_MAP).addEntryListener(
                    (EntryRemovedListener<String, Object>) removed -> deleted.countDown(), "tmp.dead.1", false);
            connection.temporaryTopics().create("tmp.dead.1", "connection:dead");

            assertTrue(deleted.await(20, TimeUnit.SECONDS),
                    "the dead owner's temporary topic was deleted once its lease expired");
            assertTrue(logs.findTopic("tmp.dead.1").isEmpty());
            assertTrue(logs.findTopic("tmp.alive.1").isPresent(), "a live owner's temporary topic stays");

            connection.temporaryTopics().delete("tmp.alive.1", "connection:alive");
            assertTrue(logs.findTopic("tmp.alive.1").isEmpty(), "its owner deletes it");
        }
    }
}
