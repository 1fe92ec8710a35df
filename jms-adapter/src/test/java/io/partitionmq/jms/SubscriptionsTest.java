package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jakarta Messaging 3.1, section 4.2 (subscriptions): each assertion a sentence of the specification. */
class SubscriptionsTest {
    private static final long WAIT = 10_000;

    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    @Test
    void aDurableSubscriptionWhoseSelectorChangesIsReplacedAndLosesWhatItHeld() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("replacing");
            connection.start();
            Session session = connection.createSession();
            Topic topic = session.createTopic("subscriptions-replaced");
            session.createDurableConsumer(topic, "audit", "region = 'north'", false).close();
            MessageProducer producer = session.createProducer(topic);
            TextMessage held = session.createTextMessage("held for the old subscription");
            held.setStringProperty("region", "north");
            producer.send(held);

            MessageConsumer replaced = session.createDurableConsumer(topic, "audit", "region = 'south'", false);
            assertNull(replaced.receive(500), "the new subscription starts empty");
            TextMessage south = session.createTextMessage("for the new one");
            south.setStringProperty("region", "south");
            producer.send(south);
            assertEquals("for the new one", ((TextMessage) replaced.receive(WAIT)).getText());
            replaced.close();
            session.unsubscribe("audit");
        }
    }

    @Test
    void aSharedAndAnUnsharedDurableSubscriptionMayNotHaveTheSameNameAndClientIdentifier() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("one-name-one-kind");
            Session session = connection.createSession();
            Topic topic = session.createTopic("subscriptions-one-kind");
            MessageConsumer unshared = session.createDurableConsumer(topic, "ledger");
            JMSException refused = assertThrows(JMSException.class,
                    () -> session.createSharedDurableConsumer(topic, "ledger"));
            assertTrue(refused.getMessage().contains("an unshared durable subscription named 'ledger'"),
                    refused.getMessage());
            unshared.close();
            assertThrows(JMSException.class, () -> session.createSharedDurableConsumer(topic, "ledger"),
                    "it exists while no consumer is open, too");
            session.unsubscribe("ledger");

            session.createSharedDurableConsumer(topic, "ledger").close();
            JMSException other = assertThrows(JMSException.class, () -> session.createDurableConsumer(topic, "ledger"));
            assertTrue(other.getMessage().contains("a shared durable subscription named 'ledger'"), other.getMessage());
            session.unsubscribe("ledger");
            session.createDurableConsumer(topic, "ledger").close();
            session.unsubscribe("ledger");
        }
    }

    /** createDurableConsumer, createDurableSubscriber and createSharedDurableConsumer take a non-temporary topic. */
    @Test
    void aDurableSubscriptionOnATemporaryTopicIsAnInvalidDestinationAndNothingIsSubscribed() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("temporary-durable");
            Session session = connection.createSession();
            jakarta.jms.TemporaryTopic temporary = session.createTemporaryTopic();
            jakarta.jms.InvalidDestinationException refused = assertThrows(
                    jakarta.jms.InvalidDestinationException.class,
                    () -> session.createDurableConsumer(temporary, "on-temporary"));
            org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("not temporary"),
                    refused.getMessage());
            assertThrows(jakarta.jms.InvalidDestinationException.class,
                    () -> session.createDurableSubscriber(temporary, "on-temporary", null, false));
            assertThrows(jakarta.jms.InvalidDestinationException.class,
                    () -> session.createSharedDurableConsumer(temporary, "shared-on-temporary"));
            assertThrows(jakarta.jms.InvalidDestinationException.class, () -> session.unsubscribe("on-temporary"),
                    "no subscription was made");
            assertThrows(jakarta.jms.InvalidDestinationException.class,
                    () -> session.unsubscribe("shared-on-temporary"), "no subscription was made");
            session.createSharedConsumer(temporary, "non-durable-is-fine").close();
        }
    }

    @Test
    void anActiveDurableSubscriptionCannotBeOpenedAgainWithAnotherSelector() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("active-durable");
            Session session = connection.createSession();
            Topic topic = session.createTopic("subscriptions-active");
            MessageConsumer active = session.createDurableConsumer(topic, "busy");
            assertThrows(JMSException.class, () -> session.createDurableConsumer(topic, "busy", "a = 1", false));
            active.close();
            session.unsubscribe("busy");
        }
    }

    @Test
    void consumersOfASharedSubscriptionOnDifferentConnectionsShareItsMessages() throws Exception {
        try (Connection first = factory.createConnection(); Connection second = factory.createConnection()) {
            first.start();
            second.start();
            Session one = first.createSession();
            Session two = second.createSession();
            Topic topic = one.createTopic("subscriptions-shared");
            MessageConsumer a = one.createSharedConsumer(topic, "workers");
            MessageConsumer b = two.createSharedConsumer(topic, "workers");
            MessageProducer producer = one.createProducer(topic);
            for (int i = 0; i < 20; i++) {
                producer.send(one.createTextMessage("job " + i));
            }
            List<String> got = new ArrayList<>();
            for (MessageConsumer consumer : List.of(a, b, a, b)) {
                for (TextMessage m = (TextMessage) consumer.receive(300); m != null;
                        m = (TextMessage) consumer.receive(300)) {
                    got.add(m.getText());
                }
            }
            got.sort(null);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add("job " + i);
            }
            sent.sort(null);
            assertEquals(sent, got, "each message went to one of the subscription's consumers, once");
        }
    }

    @Test
    void aSharedSubscriptionInUseCannotBeOpenedOnAnotherTopic() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageConsumer open = session.createSharedConsumer(session.createTopic("subscriptions-t1"), "fixed");
            assertThrows(JMSException.class,
                    () -> session.createSharedConsumer(session.createTopic("subscriptions-t2"), "fixed"));
            open.close();
        }
    }

    @Test
    void aSharedDurableSubscriptionInUseCannotChangeTopicOrSelectorButWithoutConsumersItIsReplaced()
            throws Exception {
        try (Connection first = factory.createConnection(); Connection second = factory.createConnection()) {
            second.start();
            Session one = first.createSession();
            Session two = second.createSession();
            Topic topic = one.createTopic("subscriptions-shared-durable-fixed");
            MessageConsumer active = one.createSharedDurableConsumer(topic, "fixed", "region = 'north'");
            JMSException selector = assertThrows(JMSException.class,
                    () -> two.createSharedDurableConsumer(topic, "fixed", "region = 'south'"),
                    "another connection cannot change the selector under an active consumer");
            assertTrue(selector.getMessage().contains("active consumer"), selector.getMessage());
            assertThrows(JMSException.class, () -> two.createSharedDurableConsumer(
                    two.createTopic("subscriptions-shared-durable-other"), "fixed", "region = 'north'"));
            two.createSharedDurableConsumer(topic, "fixed", "region = 'north'").close();
            active.close();

            MessageConsumer replaced = two.createSharedDurableConsumer(topic, "fixed", "region = 'south'");
            TextMessage south = two.createTextMessage("for the replacement");
            south.setStringProperty("region", "south");
            two.createProducer(topic).send(south);
            assertEquals("for the replacement", ((TextMessage) replaced.receive(WAIT)).getText());
            replaced.close();
            two.unsubscribe("fixed");
        }
    }

    /** 6.11.1: it is erroneous to delete a durable subscription while there is an active consumer on it. */
    @Test
    void aSharedDurableSubscriptionIsNotDeletedWhileAnotherConnectionHasAConsumerOnIt() throws Exception {
        try (Connection first = factory.createConnection(); Connection second = factory.createConnection()) {
            first.start();
            Session one = first.createSession();
            Session two = second.createSession();
            Topic topic = one.createTopic("subscriptions-shared-durable-in-use");
            MessageConsumer active = one.createSharedDurableConsumer(topic, "in-use");
            jakarta.jms.IllegalStateException refused = assertThrows(jakarta.jms.IllegalStateException.class,
                    () -> two.unsubscribe("in-use"));
            assertTrue(refused.getMessage().contains("close them before unsubscribing"), refused.getMessage());

            two.createProducer(topic).send(two.createTextMessage("still subscribed"));
            assertEquals("still subscribed", ((TextMessage) active.receive(WAIT)).getText());
            active.close();
            two.unsubscribe("in-use");
            assertThrows(jakarta.jms.InvalidDestinationException.class, () -> one.unsubscribe("in-use"),
                    "once deleted, it is gone for every connection");
        }
    }

    @Test
    void aSharedDurableSubscriptionKeepsMessagesWithoutConsumersUntilUnsubscribed() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Topic topic = session.createTopic("subscriptions-shared-durable");
            session.createSharedDurableConsumer(topic, "archive").close();
            session.createProducer(topic).send(session.createTextMessage("kept"));
            MessageConsumer again = session.createSharedDurableConsumer(topic, "archive");
            assertEquals("kept", ((TextMessage) again.receive(WAIT)).getText());
            again.close();
            session.unsubscribe("archive");
            session.createProducer(topic).send(session.createTextMessage("after unsubscribe"));
            MessageConsumer fresh = session.createSharedDurableConsumer(topic, "archive");
            assertNull(fresh.receive(500), "a new subscription gets only what is published after it exists");
            fresh.close();
            session.unsubscribe("archive");
        }
    }

    @Test
    void aDurableSubscriberWithNoLocalDoesNotGetItsOwnConnectionsMessages() throws Exception {
        try (Connection own = factory.createConnection(); Connection other = factory.createConnection()) {
            own.setClientID("no-local");
            own.start();
            Session session = own.createSession();
            Topic topic = session.createTopic("subscriptions-no-local");
            MessageConsumer subscriber = session.createDurableSubscriber(topic, "others-only", null, true);
            session.createProducer(topic).send(session.createTextMessage("mine"));
            Session otherSession = other.createSession();
            otherSession.createProducer(topic).send(otherSession.createTextMessage("theirs"));
            assertEquals("theirs", ((TextMessage) subscriber.receive(WAIT)).getText());
            assertNull(subscriber.receive(300));
            subscriber.close();
            session.unsubscribe("others-only");
        }
    }
}
