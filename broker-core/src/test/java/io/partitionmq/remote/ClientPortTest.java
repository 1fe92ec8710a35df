package io.partitionmq.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import io.partitionmq.access.AccessDeniedException;
import io.partitionmq.access.AccessPolicy;
import io.partitionmq.access.Users;
import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.cluster.BrokerConnection.Authenticated;
import io.partitionmq.cluster.DirectConnection;
import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.group.AssignmentStrategy;
import io.partitionmq.group.Subscription;
import io.partitionmq.group.TopicPartition;
import io.partitionmq.log.AppendResult;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.transaction.ShareAccept;
import io.partitionmq.transaction.TransactionWork;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * A broker's client port decides every call itself: a client that skips the JMS library's own checks and calls
 * the operations directly is refused by the broker for each permission it lacks, and the member port does not
 * let Hazelcast clients in at all.
 */
class ClientPortTest {
    @TempDir
    static Path data;
    private static TestBrokers brokers;
    private static RemoteConnection link;
    private static TopicMetadata orders;

    @BeforeAll
    static void start() {
        brokers = TestBrokers.start(1, data);
        brokers.get(0).authenticateWith(Users.parse("paula:pw, carl:pw, ada:pw, nora:pw"));
        brokers.get(0).authorizeWith(AccessPolicy.parse("paula:producers, carl:consumers, ada:auditors",
                "producers:send|create:orders.*, consumers:consume:orders.*, auditors:browse:orders.*"));
        try (DirectConnection inside = brokers.get(0).connect()) {
            orders = inside.logs().createTopic("orders.eu", 1, Map.of());
            inside.logs().append(orders, 0, List.of(record("first")));
        }
        link = RemoteConnection.connect(brokers.clientAddresses(), brokers.get(0).config().clusterName(),
                Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        link.close();
        brokers.close();
    }

    private static ProducerRecord record(String text) {
        return new ProducerRecord(null, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static BrokerConnection as(String user) {
        return link.authenticate(user, "pw").map(Authenticated::connection).orElseThrow();
    }

    private static void refused(String what, Executable call) {
        Throwable thrown = assertThrows(Throwable.class, call);
        Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
        assertTrue(cause instanceof AccessDeniedException, "refused with " + cause);
        assertTrue(cause.getMessage().contains(what), cause.getMessage());
    }

    @Test
    void wrongCredentialsAndNoCredentialsAreRefused() {
        assertTrue(link.authenticate("paula", "wrong").isEmpty());
        refused("authenticate", () -> link.logs().findTopic("orders.eu"));
    }

    @Test
    void sendingNeedsSendOnTheTopic() {
        BrokerConnection carl = as("carl");
        refused("'carl' may not send on 'orders.eu'",
                () -> carl.logs().appendAsync(carl.batches().prepare(orders, 0, List.of(record("x"))))
                        .toCompletableFuture().join());
        BrokerConnection paula = as("paula");
        AppendResult sent = paula.logs().appendAsync(paula.batches().prepare(orders, 0, List.of(record("y"))))
                .toCompletableFuture().join();
        assertTrue(sent.baseOffset() >= 1);
    }

    @Test
    void aClientNamesAPartitionButTheBrokerHoldsTheTopicsShapeAndSettings() {
        BrokerConnection paula = as("paula");
        TopicMetadata small;
        try (DirectConnection inside = brokers.get(0).connect()) {
            small = inside.logs().createTopic("orders.small", 2, Map.of("max.message.bytes", "1000"));
        }
        TopicMetadata forged = small.withPartitions(8)
                .withConfig(small.config().with(Map.of("max.message.bytes", "100000")));
        CompletionException noSuchPartition = assertThrows(CompletionException.class,
                () -> paula.logs().appendAsync(paula.batches().prepare(forged, 5, List.of(record("x"))))
                        .toCompletableFuture().join());
        assertTrue(noSuchPartition.getCause().getMessage().contains("has partitions 0..1, not 5"),
                noSuchPartition.getCause().getMessage());
        // The first append to partition 1 starts its log with the topic's settings, not the forged ones.
        List<ProducerRecord> large = List.of(record("x".repeat(5000)));
        CompletionException tooLarge = assertThrows(CompletionException.class,
                () -> paula.logs().appendAsync(paula.batches().prepare(forged, 1, large)).toCompletableFuture().join());
        assertTrue(tooLarge.getCause() instanceof io.partitionmq.log.RecordTooLargeException, tooLarge.toString());
        try (DirectConnection inside = brokers.get(0).connect()) {
            assertEquals(0, inside.logs().summary("orders.small", 1).endOffset());
        }
    }

    @Test
    void consumingNeedsConsumeOnTheTopic() {
        BrokerConnection paula = as("paula");
        refused("'paula' may not consume on 'orders.eu'", () -> paula.logs().fetch("orders.eu", 0, 0, 10));
        refused("may not consume", () -> paula.shares().acquire("orders.eu", 0, "workers", "c1", 10,
                ShareGroups.Settings.DEFAULTS, null));
        refused("may not consume", () -> paula.logs().watch("orders.eu", 0, () -> { }));
        refused("may not consume", () -> paula.subscriptions().open(new Subscription("sub", "orders.eu", null,
                false, false, true)));
        refused("may not consume", () -> paula.groups().join("readers", null, List.of("orders.eu"),
                AssignmentStrategy.RANGE, Duration.ofSeconds(10)));
        refused("may not consume", () -> paula.groups().committed("readers", new TopicPartition("orders.eu", 0)));
        refused("may not consume", () -> paula.transactions().commit(new TransactionWork(List.of(),
                List.of(new ShareAccept("orders.eu", 0, "workers", "c1", new long[] {0}))), "lease"));

        BrokerConnection carl = as("carl");
        assertEquals("first", new String(carl.logs().fetch("orders.eu", 0, 0, 10).records().get(0).value(),
                StandardCharsets.UTF_8));
        assertFalse(carl.shares().acquire("orders.eu", 0, "workers", "c1", 10, ShareGroups.Settings.DEFAULTS,
                null).isEmpty());
    }

    @Test
    void browsingNeedsBrowseOnTheTopic() {
        BrokerConnection carl = as("carl");
        refused("'carl' may not browse on 'orders.eu'", () -> carl.shares().browse("orders.eu", 0, "lookers", 0, 10,
                null));
        BrokerConnection ada = as("ada");
        assertFalse(ada.shares().browse("orders.eu", 0, "lookers", 0, 10, null).isEmpty());
    }

    @Test
    void creatingNeedsCreateAndAUserWithoutRolesMayDoNothing() {
        BrokerConnection carl = as("carl");
        refused("'carl' may not create on 'orders.us'", () -> carl.logs().topic("orders.us"));
        refused("may not create", () -> carl.logs().createTopic("orders.asia", 1, Map.of()));
        assertEquals("orders.eu", carl.logs().topic("orders.eu").name(), "looking up an existing topic creates nothing");
        assertEquals("orders.us", as("paula").logs().topic("orders.us").name());

        BrokerConnection nora = as("nora");
        refused("'nora' may not send", () -> nora.logs().appendAsync(nora.batches().prepare(orders, 0,
                List.of(record("z")))).toCompletableFuture().join());
        refused("'nora' may not consume", () -> nora.logs().summary("orders.eu", 0));
        refused("'nora' may not create", () -> nora.logs().topic("nora.topic"));
    }

    @Test
    void aClientsCallbacksRunWhenTheBrokerCallsThem() throws Exception {
        BrokerConnection carl = as("carl");
        CountDownLatch appended = new CountDownLatch(1);
        try (AutoCloseable watch = carl.logs().watch("orders.eu", 0, appended::countDown)) {
            as("paula").logs().appendAsync(as("paula").batches().prepare(orders, 0, List.of(record("w"))))
                    .toCompletableFuture().join();
            assertTrue(appended.await(10, TimeUnit.SECONDS), "the append watch fired on the client");
        }
    }

    @Test
    void theMemberPortRefusesHazelcastClients() {
        ClientConfig config = new ClientConfig();
        config.setClusterName(brokers.get(0).config().clusterName());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.getNetworkConfig().setAddresses(brokers.addresses());
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(3_000);
        assertThrows(IllegalStateException.class, () -> HazelcastClient.newHazelcastClient(config).shutdown());
    }
}
