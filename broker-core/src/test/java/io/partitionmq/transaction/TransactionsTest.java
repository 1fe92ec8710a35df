package io.partitionmq.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryRemovedListener;
import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.BrokerConfig;
import io.partitionmq.cluster.DirectConnection;
import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.PreparedAppend;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.ShareRecord;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.store.FlushPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transaction's work lands whole or not at all, also when its committer or a broker dies on the way. */
class TransactionsTest {
    @TempDir
    Path data;

    private static List<ProducerRecord> values(String... texts) {
        return java.util.Arrays.stream(texts)
                .map(text -> new ProducerRecord(null, Map.of(), text.getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static List<String> texts(PartitionLogs logs, String topic, int partition) {
        return logs.fetch(topic, partition, 0, 100).records().stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aCommitAppendsToEveryPartitionAndAcceptsWhatWasConsumed() {
        try (TestBrokers brokers = TestBrokers.start(2, data); DirectConnection connection = brokers.get(0).connect()) {
            PartitionLogs logs = connection.logs();
            TopicMetadata in = logs.createTopic("in", 1);
            TopicMetadata out = logs.createTopic("out", 3);
            logs.append(in, 0, values("order"));
            ShareGroups shares = connection.shares();
            List<ShareRecord> consumed = shares.acquire("in", 0, "in", "worker", 10, ShareGroups.Settings.DEFAULTS,
                    null);
            assertEquals(1, consumed.size());

            TransactionWork work = new TransactionWork(
                    List.of(connection.batches().prepare(out, 0, values("a")), connection.batches().prepare(out, 1, values("b", "c")),
                            connection.batches().prepare(out, 2, values("d"))),
                    List.of(new ShareAccept("in", 0, "in", "worker", new long[] {0})));
            connection.transactions().commit(work, "connection:test");

            assertEquals(List.of("a"), texts(logs, "out", 0));
            assertEquals(List.of("b", "c"), texts(logs, "out", 1));
            assertEquals(List.of("d"), texts(logs, "out", 2));
            assertEquals(List.of(), shares.browse("in", 0, "in", 0, 10, null), "the consumed order was accepted");
            assertEquals(List.of(), connection.transactions().prepared());
        }
    }

    @Test
    void aPreparedTransactionShowsNothingSurvivesARestartAndCommitsOnce() {
        BrokerConfig config = BrokerConfig.loopback(TestBrokers.freePort(), data).withFlush(FlushPolicy.ALWAYS);
        Broker broker = Broker.start(config);
        try (DirectConnection connection = broker.connect()) {
            PartitionLogs logs = connection.logs();
            TopicMetadata out = logs.createTopic("out", 2);
            connection.transactions().prepare("xa-1", new TransactionWork(
                    List.of(connection.batches().prepare(out, 0, values("a")), connection.batches().prepare(out, 1, values("b"))), List.of()));
            assertEquals(List.of(), texts(logs, "out", 0), "prepared work is not visible");
            assertThrows(IllegalStateException.class,
                    () -> connection.transactions().prepare("xa-1", TransactionWork.EMPTY));
        }
        broker.kill();

        try (Broker restarted = Broker.start(config); DirectConnection connection = restarted.connect()) {
            Transactions transactions = connection.transactions();
            assertEquals(List.of("xa-1"), transactions.prepared());
            transactions.commitPrepared("xa-1", "connection:tm");
            assertEquals(List.of("a"), texts(connection.logs(), "out", 0));
            assertEquals(List.of("b"), texts(connection.logs(), "out", 1));
            assertEquals(List.of(), transactions.prepared());
            assertThrows(UnknownTransactionException.class, () -> transactions.commitPrepared("xa-1", "tm"));
        }
    }

    @Test
    void aRolledBackPreparedTransactionLeavesNoTrace() {
        try (TestBrokers brokers = TestBrokers.start(1, data); DirectConnection connection = brokers.get(0).connect()) {
            PartitionLogs logs = connection.logs();
            TopicMetadata out = logs.createTopic("out", 1);
            connection.transactions().prepare("xa-2", new TransactionWork(List.of(connection.batches().prepare(out, 0,
                    values("a"))), List.of()));
            connection.transactions().rollbackPrepared("xa-2");
            assertEquals(List.of(), connection.transactions().prepared());
            assertEquals(0, logs.summary("out", 0).endOffset());
            assertThrows(UnknownTransactionException.class, () -> connection.transactions().rollbackPrepared("xa-2"));
        }
    }

    @Test
    void theBrokersFinishACommitWhoseCommitterDiedHalfwayWithoutDuplicates() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(2, data, Duration.ofSeconds(1));
                DirectConnection connection = brokers.get(0).connect()) {
            PartitionLogs logs = connection.logs();
            TopicMetadata out = logs.createTopic("out", 2);
            PreparedAppend first = connection.batches().prepare(out, 0, values("a"));
            PreparedAppend second = connection.batches().prepare(out, 1, values("b"));
            IMap<String, byte[]> records = brokers.get(0).hazelcast().getMap(Transactions.TRANSACTIONS_MAP);
            CountDownLatch finished = new CountDownLatch(1);
            records.addEntryListener((EntryRemovedListener<String, byte[]>) (EntryEvent<String, byte[]> e) ->
                    finished.countDown(), false);

            // The committer recorded its decision, applied its first send, and died (its lease is not held).
            records.executeOnKey("local-dead", TransactionOperation.create(new TransactionRecord("local-dead",
                    TransactionRecord.Status.COMMITTING, "connection:dead", System.currentTimeMillis(),
                    new TransactionWork(List.of(first, second), List.of()))));
            logs.appendAsync(first).toCompletableFuture().join();

            assertTrue(finished.await(60, TimeUnit.SECONDS), "a broker finished the transaction");
            assertEquals(List.of("a"), texts(logs, "out", 0), "the applied send is not applied twice");
            assertEquals(List.of("b"), texts(logs, "out", 1), "the rest of the transaction landed");
        }
    }
}
