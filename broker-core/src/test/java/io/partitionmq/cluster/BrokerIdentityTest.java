package io.partitionmq.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerIdentityTest {
    @TempDir
    Path data;

    @Test
    void aGeneratedIdIsKeptInTheDataDirectoryAcrossRestarts() {
        int port = TestBrokers.freePort();
        String first;
        try (Broker broker = Broker.start(BrokerConfig.loopback(port, data))) {
            first = broker.id();
            assertEquals(first, broker.hazelcast().getCluster().getLocalMember()
                    .getAttribute(Broker.BROKER_ID_ATTRIBUTE));
        }
        try (Broker again = Broker.start(BrokerConfig.loopback(port, data))) {
            assertEquals(first, again.id());
        }
    }

    @Test
    void aConfiguredIdWins() {
        BrokerConfig defaults = BrokerConfig.loopback(TestBrokers.freePort(), data);
        BrokerConfig config = new BrokerConfig("broker-7", "identity", "127.0.0.1", defaults.port(),
                java.util.List.of(), 1, 1, defaults.topicDefaults(), defaults.retentionCheckInterval(),
                defaults.groupOffsetsRetention(), defaults.flush(), defaults.flushInterval(), data,
                defaults.heldBytesPerReplica(), 1);
        assertEquals("broker-7", BrokerIdentity.resolve(config));
        assertFalse(java.nio.file.Files.exists(data.resolve(BrokerIdentity.FILE)), "nothing generated");
    }
}
