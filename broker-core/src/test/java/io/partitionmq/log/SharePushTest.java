package io.partitionmq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.remote.RemoteConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A share-group consumer that finds nothing waits on the partition's leader, which pushes it records as they
 * are appended or released, locked to it as an acquisition would lock them.
 */
class SharePushTest {
    private static final ShareGroups.Settings SETTINGS = new ShareGroups.Settings(Duration.ofSeconds(30), 3);

    @TempDir
    Path data;

    private static ProducerRecord value(String text) {
        return new ProducerRecord(null, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Brokers, a remote client of theirs (on a client port), a one-partition topic, and the pushes one consumer of
     * it received; records are written in-VM.
     */
    private static final class Setup implements AutoCloseable {
        final TestBrokers cluster;
        final RemoteConnection client;
        final PartitionLogs logs;
        final ShareOperations shares;
        final TopicMetadata topic;
        final LinkedBlockingQueue<PushedRecords> received = new LinkedBlockingQueue<>();

        Setup(int brokers, Path dir, String topicName, String consumer) {
            cluster = TestBrokers.start(brokers, dir);
            client = RemoteConnection.connect(cluster.clientAddresses(), cluster.get(0).config().clusterName(),
                    Duration.ofSeconds(30));
            logs = cluster.get(0).connect().logs();
            shares = client.shares();
            topic = logs.createTopic(topicName, 1);
            shares.receivePushes(consumer, received::add);
        }

        /** Writes a record and has another consumer take it: the partition now has state on its leader. */
        void writeOnce() {
            logs.append(topic, 0, List.of(value("zero")));
            assertEquals(1, shares.acquire(topic.name(), 0, "work", "z", 10, SETTINGS, null).size());
        }

        @Override
        public void close() {
            client.close();
            cluster.close();
        }
    }

    /** Acquires for {@code consumer} of group "work" in partition 0, waiting if there is nothing to take. */
    private static boolean waits(ShareOperations shares, String topic, String consumer, long millis) {
        return waits(shares, topic, consumer, 10, millis);
    }

    private static boolean waits(ShareOperations shares, String topic, String consumer, int max, long millis) {
        ShareGroups.Acquisition acquisition = shares.acquireOrWait(topic, 0, "work", consumer, max, SETTINGS, null,
                millis);
        assertTrue(acquisition.records().isEmpty() || !acquisition.waiting(), "waits only with nothing taken");
        return acquisition.waiting();
    }

    private static String text(ShareRecord record) {
        return new String(record.record().value(), StandardCharsets.UTF_8);
    }

    @Test
    void aWaitingConsumerIsPushedAppendedRecordsOnceABackupHoldsThemWithOrWithoutBackups() throws Exception {
        for (int brokers : new int[] {1, 2}) {
            try (Setup setup = new Setup(brokers, data.resolve("c" + brokers), "pushed", "a")) {
                ShareOperations shares = setup.shares;
                assertFalse(waits(shares, "pushed", "a", 5_000),
                        "a partition never written to has no state on its leader to wait in");
                setup.logs.append(setup.topic, 0, List.of(value("zero")));
                assertEquals(1, shares.acquire("pushed", 0, "work", "a", 10, SETTINGS, null).size());
                assertTrue(waits(shares, "pushed", "a", 5_000), "with nothing to take the consumer waits");

                setup.logs.append(setup.topic, 0, List.of(value("one"), value("two")));
                PushedRecords push = setup.received.poll(10, TimeUnit.SECONDS);
                assertNotNull(push, "the append was pushed to the waiting consumer (" + brokers + " brokers)");
                assertEquals(List.of("one", "two"), push.acquired().stream().map(SharePushTest::text).toList());
                assertEquals(1, push.acquired().get(0).deliveryCount());
                assertEquals(List.of(), shares.acquire("pushed", 0, "work", "b", 10, SETTINGS, null),
                        "pushed records are locked to the consumer they were pushed to");

                assertFalse(push.waitEnded(), "two of the ten it asked for: it still waits");

                setup.logs.append(setup.topic, 0, List.of(value("three")));
                push = setup.received.poll(10, TimeUnit.SECONDS);
                assertNotNull(push, "a consumer keeps waiting until it was pushed what it asked for");
                assertEquals(List.of("three"), push.acquired().stream().map(SharePushTest::text).toList());
            }
        }
    }

    @Test
    void aWaitEndsWithThePushThatHandsOverAllTheConsumerAskedFor() throws Exception {
        try (Setup setup = new Setup(2, data, "credit", "a")) {
            ShareOperations shares = setup.shares;
            setup.writeOnce();
            assertTrue(waits(shares, "credit", "a", 2, 5_000));

            setup.logs.append(setup.topic, 0, List.of(value("one"), value("two"), value("three")));
            PushedRecords push = setup.received.poll(10, TimeUnit.SECONDS);
            assertNotNull(push);
            assertEquals(List.of("one", "two"), push.acquired().stream().map(SharePushTest::text).toList());
            assertTrue(push.waitEnded());
            setup.logs.append(setup.topic, 0, List.of(value("four")));
            assertNull(setup.received.poll(300, TimeUnit.MILLISECONDS), "the ended wait is pushed nothing more");
            assertEquals(List.of("three", "four"), shares.acquire("credit", 0, "work", "b", 10, SETTINGS, null)
                    .stream().map(SharePushTest::text).toList());
        }
    }

    @Test
    void recordsReleasedByOneConsumerArePushedToAnotherThatWaits() throws Exception {
        try (Setup setup = new Setup(2, data, "released", "b")) {
            ShareOperations shares = setup.shares;
            setup.logs.append(setup.topic, 0, List.of(value("only")));
            List<ShareRecord> taken = shares.acquire("released", 0, "work", "a", 10, SETTINGS, null);
            assertTrue(waits(shares, "released", "b", 5_000));
            shares.acknowledge("released", 0, "work", "a", new long[] {taken.get(0).record().offset()},
                    AcknowledgeType.RELEASE, SETTINGS);

            PushedRecords push = setup.received.poll(10, TimeUnit.SECONDS);
            assertNotNull(push, "the released record went to the waiting consumer");
            assertEquals(List.of("only"), push.acquired().stream().map(SharePushTest::text).toList());
            assertEquals(2, push.acquired().get(0).deliveryCount());
        }
    }

    @Test
    void aConsumerThatStoppedWaitingOrWhoseWaitEndedIsPushedNothing() throws Exception {
        try (Setup setup = new Setup(1, data, "stopped", "a")) {
            ShareOperations shares = setup.shares;
            setup.writeOnce();

            assertTrue(waits(shares, "stopped", "a", 5_000));
            shares.stopWaiting("stopped", 0, "work", "a");
            assertTrue(waits(shares, "stopped", "b", 100));
            Thread.sleep(200); // not synchronisation: the 100 ms wait must run out on the leader's clock
            setup.logs.append(setup.topic, 0, List.of(value("late")));

            assertNull(setup.received.poll(300, TimeUnit.MILLISECONDS));
            assertEquals(List.of("late"), shares.acquire("stopped", 0, "work", "c", 10, SETTINGS, null)
                    .stream().map(SharePushTest::text).toList(), "the record stayed available");
            assertFalse(waits(shares, "stopped", "d", 0), "a consumer that will not wait does not");
        }
    }
}
