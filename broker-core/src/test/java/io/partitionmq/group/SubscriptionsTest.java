package io.partitionmq.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ShareGroups;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared subscription's consumers are counted cluster-wide while they renew their place: the consumers of a
 * process that died without detaching stop counting, so the subscription can change again (JMS 6.11.2, 6.11.4);
 * those that count keep it from being changed or deleted (6.11.1).
 */
class SubscriptionsTest {
    /** Hazelcast keeps expiry times in whole seconds, so well above one, and renewed far more often. */
    private static final Duration TTL = Duration.ofSeconds(5);

    @TempDir
    Path data;

    @Test
    void aConsumerThatStopsRenewingStopsCountingWhileOneThatRenewsKeepsTheSubscriptionAsItIs() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            Broker broker = brokers.get(0);
            PartitionLogs logs = broker.connect().logs();
            logs.createTopic("news", 2);
            Subscriptions subscriptions = subscriptionsOf(broker);
            Subscription north = new Subscription("shared-durable:app:audit", "news", "region = 'north'", false,
                    true, true);
            Subscription south = new Subscription("shared-durable:app:audit", "news", "region = 'south'", false,
                    true, true);

            subscriptions.attach(north, "live");
            subscriptions.attach(north, "dead");
            // The live consumer renews as a client's connection does, on a schedule; the dead one never does.
            long until = System.nanoTime() + TTL.multipliedBy(2).toNanos();
            while (System.nanoTime() < until) {
                subscriptions.renew(north.id(), "live");
                Thread.sleep(300);
            }
            SubscriptionInUseException inUse = assertThrows(SubscriptionInUseException.class,
                    () -> subscriptions.attach(south, "new"), "the live consumer still counts");
            assertTrue(inUse.getMessage().contains("has 1 active consumer"), inUse.getMessage());

            subscriptions.detach(north.id(), "live");
            assertEquals(south, subscriptions.attach(south, "new"),
                    "the consumer that stopped renewing no longer holds the subscription as it was");
            assertEquals(Optional.of(south), subscriptions.find(north.id()));
        }
    }

    @Test
    void aSharedDurableSubscriptionCannotBeUnsubscribedWhileAConsumerAnywhereHasItOpen() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            PartitionLogs logs = brokers.get(0).connect().logs();
            logs.createTopic("ledger", 2);
            Subscriptions onFirst = subscriptionsOf(brokers.get(0));
            Subscriptions onSecond = subscriptionsOf(brokers.get(1));
            Subscription archive = new Subscription("shared-durable::archive", "ledger", null, false, true, true);

            onFirst.attach(archive, "open-on-the-first-broker");
            SubscriptionInUseException inUse = assertThrows(SubscriptionInUseException.class,
                    () -> onSecond.unsubscribe(archive.id()));
            assertTrue(inUse.getMessage().contains("has 1 active consumer(s); close them before unsubscribing"),
                    inUse.getMessage());
            assertEquals(Optional.of(archive), onSecond.find(archive.id()), "the refused unsubscribe kept it");

            onFirst.detach(archive.id(), "open-on-the-first-broker");
            assertTrue(onSecond.unsubscribe(archive.id()));
            assertEquals(Optional.empty(), onFirst.find(archive.id()));
            assertFalse(onSecond.unsubscribe(archive.id()), "there is none left to unsubscribe");
        }
    }

    private static Subscriptions subscriptionsOf(Broker broker) {
        PartitionLogs logs = broker.connect().logs();
        return new Subscriptions(broker.hazelcast(), logs, new ShareGroups(broker.hazelcast(), logs), TTL);
    }
}
