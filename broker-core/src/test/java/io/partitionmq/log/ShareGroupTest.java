package io.partitionmq.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.TestBrokers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Share groups: competing consumers, locks, redelivery, dead letters and filters, as consumers observe them. */
class ShareGroupTest {
    private static final ShareGroups.Settings QUICK = new ShareGroups.Settings(Duration.ofMillis(300), 3);

    @TempDir
    Path data;

    private static ProducerRecord value(String text, String color) {
        return new ProducerRecord(null, Map.of("color", color), text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ShareRecord record) {
        return new String(record.record().value(), StandardCharsets.UTF_8);
    }

    private static long[] offsets(List<ShareRecord> records) {
        return records.stream().mapToLong(r -> r.record().offset()).toArray();
    }

    @Test
    void inPartitionOrderOneRecordIsInFlightPerPartitionAndARedeliveryComesBeforeTheNext() {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            ShareGroups groups = new ShareGroups(brokers.get(0).hazelcast(), logs);
            TopicMetadata topic = logs.createTopic("ledger", 2);
            for (int i = 0; i < 3; i++) {
                logs.append(topic, 0, List.of(value("p0-" + i, "any")));
            }
            logs.append(topic, 1, List.of(value("p1-0", "any")));
            ShareGroups.Settings ordered = ShareGroups.Settings.DEFAULTS.inPartitionOrder();

            List<ShareRecord> first = groups.acquire("ledger", 0, "posting", "a", 10, ordered, null);
            assertEquals(List.of("p0-0"), first.stream().map(ShareGroupTest::text).toList(), "one at a time");
            assertEquals(List.of(), groups.acquire("ledger", 0, "posting", "b", 10, ordered, null),
                    "none while the partition has one in flight");
            assertEquals(List.of("p1-0"), groups.acquire("ledger", 1, "posting", "b", 10, ordered, null)
                    .stream().map(ShareGroupTest::text).toList(), "other partitions go on in parallel");

            groups.acknowledge("ledger", 0, "posting", "a", offsets(first), AcknowledgeType.ACCEPT, ordered);
            List<ShareRecord> second = groups.acquire("ledger", 0, "posting", "b", 10, ordered, null);
            assertEquals(List.of("p0-1"), second.stream().map(ShareGroupTest::text).toList());
            groups.acknowledge("ledger", 0, "posting", "b", offsets(second), AcknowledgeType.RELEASE, ordered);
            List<ShareRecord> again = groups.acquire("ledger", 0, "posting", "a", 10, ordered, null);
            assertEquals(List.of("p0-1"), again.stream().map(ShareGroupTest::text).toList(),
                    "a released record comes again before the records after it");
            assertEquals(2, again.get(0).deliveryCount());
        }
    }

    /**
     * Readers watching a partition hear of appends and of records given back, not of acquisitions and
     * acceptances that leave nothing to take: those woke every reader for a round trip that found nothing.
     * Events of one partition arrive in order, so an event from the acquisition would come before the next append's.
     */
    @Test
    void watchersHearOfAppendsAndReleasesButNotOfAcquisitionsThatLeaveNothingToTake() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            ShareGroups groups = new ShareGroups(brokers.get(0).hazelcast(), logs);
            TopicMetadata topic = logs.createTopic("quiet", 1);
            java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
            try (AutoCloseable watch = logs.watch("quiet", 0, heard::incrementAndGet)) {
                logs.append(topic, 0, List.of(value("one", "any")));
                awaitHeard(heard, 1);
                List<ShareRecord> first = groups.acquire("quiet", 0, "workers", "a", 10, QUICK, null);
                groups.acknowledge("quiet", 0, "workers", "a", offsets(first), AcknowledgeType.ACCEPT, QUICK);

                logs.append(topic, 0, List.of(value("two", "any")));
                awaitHeard(heard, 2);
                List<ShareRecord> second = groups.acquire("quiet", 0, "workers", "a", 10, QUICK, null);
                assertEquals(List.of("two"), second.stream().map(ShareGroupTest::text).toList());
                groups.acknowledge("quiet", 0, "workers", "a", offsets(second), AcknowledgeType.RELEASE, QUICK);
                awaitHeard(heard, 3);

                logs.append(topic, 0, List.of(value("three", "any")));
                awaitHeard(heard, 4);
                assertEquals(4, heard.get(), "two appends, one release, one append: nothing else was announced");
            }
        }
    }

    private static void awaitHeard(java.util.concurrent.atomic.AtomicInteger heard, int count)
            throws InterruptedException {
        TestBrokers.await(() -> "the watcher heard " + count + " changes, not " + heard.get(), Duration.ofSeconds(10),
                () -> heard.get() >= count);
        assertEquals(count, heard.get(), "no change was announced beyond the expected ones");
    }

    @Test
    void tenConsumersOnTwoPartitionsAllGetWorkAndEveryRecordGoesToExactlyOne() {
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            ShareGroups groups = new ShareGroups(brokers.get(0).hazelcast(), logs);
            TopicMetadata topic = logs.createTopic("work", 2);
            for (int i = 0; i < 100; i++) {
                logs.append(topic, i % 2, List.of(value("job-" + i, "any")));
            }
            Map<String, List<String>> byConsumer = new HashMap<>();
            List<String> all = new ArrayList<>();
            boolean progress = true;
            while (progress) {
                progress = false;
                for (int c = 0; c < 10; c++) {
                    String consumer = "consumer-" + c;
                    for (int p = 0; p < 2; p++) {
                        List<ShareRecord> got = groups.acquire("work", p, "workers", consumer, 3,
                                ShareGroups.Settings.DEFAULTS, null);
                        got.forEach(r -> {
                            byConsumer.computeIfAbsent(consumer, k -> new ArrayList<>()).add(text(r));
                            all.add(text(r));
                        });
                        boolean[] accepted = groups.acknowledge("work", p, "workers", consumer, offsets(got),
                                AcknowledgeType.ACCEPT, ShareGroups.Settings.DEFAULTS);
                        for (boolean ok : accepted) {
                            assertTrue(ok);
                        }
                        progress |= !got.isEmpty();
                    }
                }
            }
            assertEquals(100, all.size());
            assertEquals(100, new HashSet<>(all).size(), "no record was handed to two consumers");
            assertEquals(10, byConsumer.size(), "every consumer got work");
        }
    }

    @Test
    void recordsOfAConsumerThatDiedAreRedeliveredAfterTheLockExpiresWithTheirDeliveryCountRaised() {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            ShareGroups groups = new ShareGroups(brokers.get(0).hazelcast(), logs);
            TopicMetadata topic = logs.createTopic("locked", 1);
            logs.append(topic, 0, List.of(value("a", "x"), value("b", "x")));

            List<ShareRecord> held = groups.acquire("locked", 0, "g", "dying", 10, QUICK, null);
            assertEquals(2, held.size());
            assertEquals(1, held.get(0).deliveryCount());
            assertTrue(groups.acquire("locked", 0, "g", "other", 10, QUICK, null).isEmpty(), "still locked");

            List<ShareRecord> redelivered = awaitAcquire(groups, "locked", "other");
            assertEquals(List.of("a", "b"), redelivered.stream().map(ShareGroupTest::text).toList());
            assertEquals(2, redelivered.get(0).deliveryCount());
            assertArrayEquals(new boolean[] {false, false}, groups.acknowledge("locked", 0, "g", "dying",
                    offsets(held), AcknowledgeType.ACCEPT, QUICK), "the dead consumer's lock is gone");

            groups.acknowledge("locked", 0, "g", "other", offsets(redelivered), AcknowledgeType.RETURN, QUICK);
            assertEquals(2, groups.acquire("locked", 0, "g", "third", 10, QUICK, null).get(0).deliveryCount(),
                    "records handed back unseen do not count a delivery");
        }
    }

    private static List<ShareRecord> awaitAcquire(ShareGroups groups, String topic, String consumer) {
        long deadline = System.currentTimeMillis() + 10_000;
        List<ShareRecord> got = List.of();
        while (got.isEmpty() && System.currentTimeMillis() < deadline) {
            got = groups.acquire(topic, 0, "g", consumer, 10, QUICK, null);
        }
        return got;
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAfterMaxDeliveriesWithItsOrigin() {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            ShareGroups groups = new ShareGroups(brokers.get(0).hazelcast(), logs);
            TopicMetadata topic = logs.createTopic("poison", 1);
            logs.append(topic, 0, List.of(value("bad", "x"), value("good", "x")));

            for (int attempt = 1; attempt <= 3; attempt++) {
                List<ShareRecord> got = groups.acquire("poison", 0, "g", "c", 1, QUICK, null);
                assertEquals("bad", text(got.get(0)));
                assertEquals(attempt, got.get(0).deliveryCount());
                groups.acknowledge("poison", 0, "g", "c", offsets(got), AcknowledgeType.RELEASE, QUICK);
            }
            List<ShareRecord> next = groups.acquire("poison", 0, "g", "c", 10, QUICK, null);
            assertEquals(List.of("good"), next.stream().map(ShareGroupTest::text).toList());

            Record dead = logs.fetch("poison.DLQ", 0, 0, 10).records().get(0);
            assertEquals("bad", new String(dead.value(), StandardCharsets.UTF_8));
            assertEquals("poison", dead.headers().get(ShareGroups.ORIGINAL_TOPIC));
            assertEquals(0, dead.headers().get(ShareGroups.ORIGINAL_PARTITION));
            assertEquals(0L, dead.headers().get(ShareGroups.ORIGINAL_OFFSET));
            assertEquals(3, dead.headers().get(ShareGroups.DELIVERY_COUNT));
            assertTrue(dead.headers().get(ShareGroups.DEAD_LETTER_REASON).toString().contains("3 deliveries"));
        }
    }

    @Test
    void recordsAConsumersFilterDoesNotSelectAreLeftForAnother() {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            ShareGroups groups = new ShareGroups(brokers.get(0).hazelcast(), logs);
            TopicMetadata topic = logs.createTopic("colors", 1);
            logs.append(topic, 0, List.of(value("r1", "red"), value("b1", "blue"), value("r2", "red"),
                    value("b2", "blue")));

            List<ShareRecord> red = groups.acquire("colors", 0, "g", "reds", 10, QUICK,
                    new HeaderFilter("color", "red"));
            assertEquals(List.of("r1", "r2"), red.stream().map(ShareGroupTest::text).toList());
            List<ShareRecord> rest = groups.acquire("colors", 0, "g", "anyone", 10, QUICK, null);
            assertEquals(List.of("b1", "b2"), rest.stream().map(ShareGroupTest::text).toList());
        }
    }

    @Test
    void theGroupGoesOnWithItsStateWhenThePartitionLeaderIsTerminated() {
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("durable-queue", 1);
            for (int i = 0; i < 10; i++) {
                logs.append(topic, 0, List.of(value("m" + i, "x")));
            }
            ShareGroups before = new ShareGroups(brokers.get(0).hazelcast(), logs);
            List<ShareRecord> first = before.acquire("durable-queue", 0, "g", "c", 4,
                    ShareGroups.Settings.DEFAULTS, null);
            before.acknowledge("durable-queue", 0, "g", "c", offsets(first), AcknowledgeType.ACCEPT,
                    ShareGroups.Settings.DEFAULTS);
            List<ShareRecord> held = before.acquire("durable-queue", 0, "g", "c", 2,
                    ShareGroups.Settings.DEFAULTS, null);

            Broker leader = brokers.leaderOf("durable-queue", 0);
            Broker survivor = brokers.all().stream().filter(b -> b != leader).findFirst().orElseThrow();
            leader.kill();

            PartitionLogs surviving = survivor.connect().logs();
            ShareGroups after = new ShareGroups(survivor.hazelcast(), surviving);
            assertArrayEquals(new boolean[] {true, true}, after.acknowledge("durable-queue", 0, "g", "c",
                    offsets(held), AcknowledgeType.ACCEPT, ShareGroups.Settings.DEFAULTS), "locks survived");
            List<ShareRecord> rest = after.acquire("durable-queue", 0, "g", "c", 100,
                    ShareGroups.Settings.DEFAULTS, null);
            assertEquals(List.of("m6", "m7", "m8", "m9"), rest.stream().map(ShareGroupTest::text).toList(),
                    "only records never acknowledged are delivered");
        }
    }

    @Test
    void acceptancesCoalescedByAnAcceptorAllTakeEffectAndNoneComesAgain() {
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            ShareGroups groups = new ShareGroups(brokers.get(0).hazelcast(), logs);
            TopicMetadata topic = logs.createTopic("orders", 2);
            for (int i = 0; i < 400; i++) {
                logs.append(topic, i % 2, List.of(value("order-" + i, "any")));
            }
            // A lock long enough for a loaded machine, short enough to wait out.
            ShareGroups.Settings settings = new ShareGroups.Settings(Duration.ofSeconds(2), 3);
            ShareAcceptor acceptor = new ShareAcceptor(groups, "orders", "shop", "worker", settings);
            int accepted = 0;
            for (int p = 0; p < 2; p++) {
                for (ShareRecord record : groups.acquire("orders", p, "shop", "worker", 200, settings, null)) {
                    acceptor.accept(p, record.record().offset());
                    accepted++;
                }
            }
            acceptor.awaitApplied();
            assertEquals(400, accepted);
            sleepPast(settings.lock());
            for (int p = 0; p < 2; p++) {
                assertEquals(List.of(), groups.acquire("orders", p, "shop", "other", 10, settings, null),
                        "an accepted record is not handed out again, even after its lock would have expired");
            }
        }
    }

    private static void sleepPast(Duration lock) {
        try {
            // Waits out the lock duration, the thing under test; not synchronisation.
            Thread.sleep(lock.toMillis() + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aDescriptionCountsWhatIsInFlightAndWhatCouldBeAcquired() {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            ShareGroups groups = new ShareGroups(brokers.get(0).hazelcast(), logs);
            TopicMetadata topic = logs.createTopic("counted", 2);
            for (int i = 0; i < 10; i++) {
                logs.append(topic, 0, List.of(value("job-" + i, "any")));
            }
            List<ShareRecord> held = groups.acquire("counted", 0, "workers", "busy", 3, ShareGroups.Settings.DEFAULTS, null);
            groups.acknowledge("counted", 0, "workers", "busy", new long[] {held.get(0).record().offset()},
                    AcknowledgeType.ACCEPT, ShareGroups.Settings.DEFAULTS);
            List<ShareGroupDescription> described = groups.describe(topic);
            assertEquals(1, described.size());
            ShareGroupDescription workers = described.get(0);
            assertEquals("workers", workers.group());
            assertEquals(2, workers.acquired(), "two records are locked to the busy consumer");
            assertEquals(7, workers.available(), "seven were never handed out");
            assertEquals(1, workers.partitions().get(0).startOffset(), "the accepted first record is done");
        }
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            ShareGroups groups = new ShareGroups(brokers.get(0).hazelcast(), logs);
            logs.createTopic("strict", 1);
            assertThrows(UnknownTopicException.class,
                    () -> groups.acquire("missing", 0, "g", "c", 1, QUICK, null));
            assertThrows(InvalidTopicException.class, () -> groups.acquire("strict", 7, "g", "c", 1, QUICK, null));
            assertThrows(IllegalArgumentException.class, () -> groups.acquire("strict", 0, "g", "c", 0, QUICK, null));
            assertThrows(IllegalArgumentException.class, () -> groups.acknowledge("strict", 0, "g", "c",
                    new long[] {-1}, AcknowledgeType.ACCEPT, QUICK));
            assertArrayEquals(new boolean[] {false}, groups.acknowledge("strict", 0, "g", "c", new long[] {5},
                    AcknowledgeType.ACCEPT, QUICK), "an offset the consumer does not hold is not acknowledged");
            assertThrows(IllegalArgumentException.class, () -> new ShareGroups.Settings(Duration.ZERO, 1));
        }
    }
}
