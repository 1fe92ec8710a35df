package io.partitionmq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.map.impl.proxy.MapProxyImpl;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.PartitionSpecificRunnable;
import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.TestBrokers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records survive the abrupt loss of the member that led their partition; offsets are never reused. */
class FailoverTest {
    private static final String BACKUP_TIMEOUT = "hazelcast.operation.backup.timeout.millis";

    @TempDir
    Path data;

    @Test
    void recordsSurviveTerminationOfTheirLeaderWithoutGapsOrReusedOffsets() {
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            Broker first = brokers.get(0);
            Broker second = brokers.get(1);
            PartitionLogs logs = second.connect().logs();
            // Small segments, so the leader's roll decisions must be replayed on the backups too.
            TopicMetadata payments = logs.createTopic("payments", 4, Map.of(TopicConfig.SEGMENT_BYTES, "300"));

            int batches = 30;
            for (int p = 0; p < 4; p++) {
                for (int b = 0; b < batches; b++) {
                    logs.append(payments, p, List.of(value(p + ":" + b + ":a"), value(p + ":" + b + ":b")));
                }
            }

            List<PartitionSummary> before = logs.describe(payments).partitionSummaries();

            // Terminate the leader of partition 0; the survivor must serve it from its backup.
            Broker leader = brokers.leaderOf("payments", 0);
            Broker survivor = leader == first ? second : first;
            leader.hazelcast().getLifecycleService().terminate();
            PartitionLogs surviving = survivor.connect().logs();

            for (int p = 0; p < 4; p++) {
                FetchResult all = surviving.fetch("payments", p, 0, 10_000);
                assertEquals(batches * 2, all.records().size(), "records of partition " + p);
                List<String> expected = new ArrayList<>();
                for (int b = 0; b < batches; b++) {
                    expected.add(p + ":" + b + ":a");
                    expected.add(p + ":" + b + ":b");
                }
                assertEquals(expected, PartitionLogsTest.values(all));
                for (int i = 0; i < all.records().size(); i++) {
                    assertEquals(i, all.records().get(i).offset());
                }
                assertEquals(before.get(p), surviving.summary("payments", p), "same segments on the backup");
                AppendResult next = surviving.append(payments, p, List.of(value("after")));
                assertEquals(batches * 2, next.baseOffset(), "the offset after failover continues the log");
            }
        }
    }

    @Test
    void everyAcknowledgedRecordSurvivesAMemberKilledWhileProducersAppendExactlyOnceAtItsOffset()
            throws Exception {
        try (TestBrokers brokers = TestBrokers.start(3, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            TopicMetadata stream = logs.createTopic("stream", 6, Map.of(TopicConfig.SEGMENT_BYTES, "2000"));
            Map<String, Long> acknowledged = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            // Counted down by every acknowledgement: the test waits for progress, not for time.
            AtomicReference<CountDownLatch> progress = new AtomicReference<>(new CountDownLatch(300));
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int producer = t;
                producers.add(new Thread(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String text = producer + ":" + n;
                        int partition = n % 6;
                        try {
                            AppendResult appended = logs.append(stream, partition, List.of(value(text)));
                            acknowledged.put(text, appended.baseOffset());
                            progress.get().countDown();
                        } catch (RuntimeException e) {
                            // Not acknowledged: it may or may not be in the log; the producer goes on.
                        }
                    }
                }));
            }
            producers.forEach(Thread::start);
            assertTrue(progress.get().await(30, TimeUnit.SECONDS), "producers appended before the kill");
            progress.set(new CountDownLatch(300));
            brokers.get(2).hazelcast().getLifecycleService().terminate();
            assertTrue(progress.get().await(30, TimeUnit.SECONDS), "producers went on appending after the kill");
            stop.set(true);
            for (Thread producer : producers) {
                producer.join();
            }

            Map<String, Long> found = new HashMap<>();
            for (int p = 0; p < 6; p++) {
                FetchResult all = logs.fetch("stream", p, 0, 1_000_000);
                Map<Integer, Integer> lastOfProducer = new HashMap<>();
                for (int i = 0; i < all.records().size(); i++) {
                    Record record = all.records().get(i);
                    assertEquals(i, record.offset(), "partition " + p + " has no gap");
                    String text = new String(record.value(), StandardCharsets.UTF_8);
                    assertNull(found.put(text, record.offset()), text + " is in the log once");
                    String[] parts = text.split(":");
                    Integer before = lastOfProducer.put(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                    assertTrue(before == null || before < Integer.parseInt(parts[1]),
                            "partition " + p + " keeps each producer's order: " + before + " then " + text);
                }
            }
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                assertEquals(ack.getValue(), found.get(ack.getKey()),
                        ack.getKey() + " is readable at the offset its append was acknowledged with");
            }
        }
    }

    @Test
    void aLeaderAcknowledgesAnAppendOnlyOnceItsBackupHoldsIt() throws Exception {
        // Hazelcast counts a write as done when its backups do not answer in this time (5 s unless set).
        System.setProperty(BACKUP_TIMEOUT, "1000");
        CountDownLatch release = new CountDownLatch(1);
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("confirmed", 1);
            logs.append(topic, 0, List.of(value("before")));
            Broker leader = brokers.leaderOf("confirmed", 0);
            Broker backup = leader == brokers.get(0) ? brokers.get(1) : brokers.get(0);

            stopAnswering(backup, "confirmed", release);
            java.util.concurrent.CompletableFuture<AppendResult> sent = logs
                    .appendAsync(topic, 0, List.of(value("during"))).toCompletableFuture();
            assertThrows(TimeoutException.class, () -> sent.get(3, TimeUnit.SECONDS),
                    "acknowledged although its backup never confirmed it");

            landsOnTheBackupOnce(release, sent, leader, backup);
        } finally {
            release.countDown();
            System.clearProperty(BACKUP_TIMEOUT);
        }
    }

    /**
     * Hazelcast counts every backup an invocation still awaits as done when any member leaves. A leader whose
     * backup is unreachable (behind a split it has not noticed) while a third member leaves must not take that
     * for the backup's confirmation: the append is sent again and acknowledged once the backup holds it.
     */
    @Test
    void anAppendAwaitingItsBackupIsNotConfirmedByAnotherMemberLeaving() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TestBrokers brokers = TestBrokers.start(3, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            TopicMetadata topic = logs.createTopic("confirmed", 1);
            logs.append(topic, 0, List.of(value("before")));
            Broker leader = brokers.leaderOf("confirmed", 0);
            Broker backup = brokers.firstBackupOf("confirmed", 0);
            Broker bystander = brokers.all().stream().filter(b -> b != leader && b != backup).findFirst()
                    .orElseThrow();

            stopAnswering(backup, "confirmed", release);
            java.util.concurrent.CompletableFuture<AppendResult> sent = leader.connect().logs()
                    .appendAsync(topic, 0, List.of(value("during"))).toCompletableFuture();
            bystander.kill();
            TestBrokers.await(() -> "the leader notices the bystander left", java.time.Duration.ofSeconds(30),
                    () -> leader.hazelcast().getCluster().getMembers().size() == 2);
            assertThrows(TimeoutException.class, () -> sent.get(2, TimeUnit.SECONDS),
                    "acknowledged because a member left, although its backup never confirmed it");

            landsOnTheBackupOnce(release, sent, leader, backup);
        } finally {
            release.countDown();
        }
    }

    /**
     * Once the backup answers again the append is acknowledged at offset 1, and held by the backup: the leader's
     * loss takes nothing acknowledged with it, and the append is there once.
     */
    private static void landsOnTheBackupOnce(CountDownLatch release,
            java.util.concurrent.CompletableFuture<AppendResult> sent, Broker leader, Broker backup) throws Exception {
        release.countDown();
        assertEquals(1, sent.get(60, TimeUnit.SECONDS).baseOffset());
        leader.kill();
        assertEquals(List.of("before", "during"),
                PartitionLogsTest.values(backup.connect().logs().fetch("confirmed", 0, 0, 100)),
                "held by the backup, once");
    }

    /**
     * The member stops answering for the partition, as it would behind a network split the others have not
     * noticed yet: its partition thread is kept busy until {@code release}.
     */
    private static void stopAnswering(Broker member, String topic, CountDownLatch release) {
        int partitionId = member.hazelcast().getPartitionService()
                .getPartition(PartitionKey.routingKey(topic, 0)).getPartitionId();
        NodeEngine engine = ((MapProxyImpl<?, ?>) member.hazelcast().getMap(PartitionLogs.LOG_MAP)).getNodeEngine();
        engine.getOperationService().execute(new PartitionSpecificRunnable() {
            @Override
            public int getPartitionId() {
                return partitionId;
            }

            @Override
            public void run() {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    private static ProducerRecord value(String text) {
        return new ProducerRecord(null, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }
}
