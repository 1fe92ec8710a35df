package io.partitionmq.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.DirectConnection;
import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.TopicMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote client outlives the broker it is connected to: it moves to another and carries on. */
class ClientFailoverTest {
    @TempDir
    Path data;

    @Test
    void whenItsBrokerDiesTheClientMovesOnWithItsWatchesAndSessions() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(2, data);
                RemoteConnection client = RemoteConnection.connect(brokers.clientAddresses(),
                        brokers.get(0).config().clusterName(), Duration.ofSeconds(30))) {
            TopicMetadata topic = client.logs().createTopic("moving", 1, Map.of());
            var acting = client.authenticate("anyone", "any").orElseThrow().connection();
            Semaphore appended = new Semaphore(0);
            Semaphore lost = new Semaphore(0);
            client.onConnectionLost(lost::release);
            try (AutoCloseable watch = acting.logs().watch("moving", 0, appended::release)) {
                send(acting, topic, "before");
                assertTrue(appended.tryAcquire(10, TimeUnit.SECONDS), "the watch fired before the failover");

                // The client is on the first broker of its list: kill that one.
                brokers.get(0).kill();

                try (DirectConnection survivor = brokers.get(1).connect()) {
                    TestBrokers.await(() -> "the watch fired after the failover", Duration.ofSeconds(30), () -> {
                        survivor.logs().append(topic, 0, List.of(new ProducerRecord(null, Map.of(), new byte[1])));
                        return appended.tryAcquire();
                    });
                }
                send(acting, topic, "after");
                List<String> sent = acting.logs().fetch("moving", 0, 0, 1000).records().stream()
                        .filter(record -> record.value().length > 1).map(record -> new String(record.value()))
                        .toList();
                assertEquals(List.of("before", "after"), sent, "the user's session went on on the other broker");
            }
            assertEquals(0, lost.availablePermits(), "another broker answered at once: the connection was not lost");
        }
    }

    private static void send(io.partitionmq.cluster.BrokerConnection acting, TopicMetadata topic, String text) {
        acting.appender().append(topic, 0, new ProducerRecord(null, Map.of(), text.getBytes())).join();
    }
}
