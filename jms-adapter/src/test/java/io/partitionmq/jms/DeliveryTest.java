package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicRequestor;
import jakarta.jms.TopicSession;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Messaging 3.1, sections 3.4.9 (expiration), 6.2.9 (order), 6.2.10 (acknowledgement), 6.2.12
 * (recovery) and 5.10 (requestors): what a consumer gets, and when again.
 */
class DeliveryTest {
    private static final long WAIT = 10_000;

    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    @Test
    void messagesOfOneProducerToOneDestinationArriveInTheOrderSentWhateverTheirDeliveryMode() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("delivery-order");
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < 40; i++) {
                producer.setDeliveryMode(i % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
                producer.send(session.createTextMessage(Integer.toString(i)));
            }
            MessageConsumer consumer = session.createConsumer(queue);
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                received.add(((TextMessage) consumer.receive(WAIT)).getText());
            }
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sent.add(Integer.toString(i));
            }
            assertEquals(sent, received);
        }
    }

    /**
     * A listener that has caught up waits on the partition's leader, which hands it each message as it is sent;
     * order holds across those pushes and the acquisitions in between, and a consumer that closes while waiting
     * leaves nothing locked to it: the next message goes to another consumer at once, not redelivered.
     */
    @Test
    void aWaitingListenerGetsMessagesAsTheyAreSentInOrderAndLeavesNothingLockedWhenItCloses() throws Exception {
        int count = 300;
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(count);
        try (Connection sending = factory.createConnection()) {
            Session session = sending.createSession();
            Queue queue = session.createQueue("delivery-pushed");
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("first"));
            try (Connection listening = factory.createConnection()) {
                Session listenerSession = listening.createSession();
                listenerSession.createConsumer(queue).setMessageListener(message -> {
                    try {
                        received.add(((TextMessage) message).getText());
                    } catch (JMSException e) {
                        throw new IllegalStateException(e);
                    }
                    all.countDown();
                });
                listening.start();
                List<String> sent = new ArrayList<>(List.of("first"));
                for (int i = 1; i < count; i++) {
                    producer.setDeliveryMode(i % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
                    producer.send(session.createTextMessage(Integer.toString(i)));
                    sent.add(Integer.toString(i));
                    if (i % 25 == 0) {
                        int sentSoFar = sent.size();
                        io.partitionmq.cluster.TestBrokers.await(() -> "the listener catches up with the sends",
                                java.time.Duration.ofMillis(WAIT), () -> received.size() == sentSoFar);
                    }
                }
                assertTrue(all.await(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS));
                assertEquals(sent, received);
            }
            producer.send(session.createTextMessage("after"));
            try (Connection next = factory.createConnection()) {
                next.start();
                Message after = next.createSession().createConsumer(queue).receive(5_000);
                assertNotNull(after, "nothing stayed locked to the closed consumer");
                assertEquals("after", ((TextMessage) after).getText());
                assertFalse(after.getJMSRedelivered());
            }
        }
    }

    @Test
    void anExpiredMessageIsNeverDelivered() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            Queue queue = session.createQueue("delivery-expiry");
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("short-lived"), DeliveryMode.PERSISTENT, 4, 50);
            producer.send(session.createTextMessage("lasting"));
            Thread.sleep(200);
            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            assertEquals("lasting", ((TextMessage) consumer.receive(WAIT)).getText());
            assertNull(consumer.receive(300));
        }
    }

    @Test
    void recoverDeliversTheUnacknowledgedMessagesAgainMarkedAndCounted() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("delivery-recover");
            session.createProducer(queue).send(session.createTextMessage("again"));
            MessageConsumer consumer = session.createConsumer(queue);
            Message first = consumer.receive(WAIT);
            assertFalse(first.getJMSRedelivered());
            assertEquals(1, first.getIntProperty("JMSXDeliveryCount"));
            session.recover();
            Message second = consumer.receive(WAIT);
            assertEquals(first.getJMSMessageID(), second.getJMSMessageID());
            assertTrue(second.getJMSRedelivered(), "a redelivered message is marked");
            assertEquals(2, second.getIntProperty("JMSXDeliveryCount"));
            second.acknowledge();
            session.recover();
            assertNull(consumer.receive(300), "an acknowledged message is not delivered again");
        }
    }

    @Test
    void whatAClosedConnectionLeftUnacknowledgedGoesToTheNextConsumerMarkedRedelivered() throws Exception {
        Queue queue;
        try (Connection first = factory.createConnection()) {
            first.start();
            Session session = first.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            queue = session.createQueue("delivery-unacknowledged");
            session.createProducer(queue).send(session.createTextMessage("not acknowledged"));
            assertFalse(session.createConsumer(queue).receive(WAIT).getJMSRedelivered());
        }
        try (Connection second = factory.createConnection()) {
            second.start();
            Message again = second.createSession().createConsumer(queue).receive(WAIT);
            assertEquals("not acknowledged", ((TextMessage) again).getText());
            assertTrue(again.getJMSRedelivered());
        }
    }

    @Test
    void aDupsOkSessionReceivesEveryMessage() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(Session.DUPS_OK_ACKNOWLEDGE);
            Queue queue = session.createQueue("delivery-dups-ok");
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < 10; i++) {
                producer.send(session.createTextMessage("m" + i));
            }
            MessageConsumer consumer = session.createConsumer(queue);
            for (int i = 0; i < 10; i++) {
                assertEquals("m" + i, ((TextMessage) consumer.receive(WAIT)).getText());
            }
        }
    }

    @Test
    void aTopicSubscriberOfAStoppedConnectionKeepsWhatIsPublishedAndGetsItOnStart() throws Exception {
        try (Connection connection = factory.createConnection(); Connection publisher = factory.createConnection()) {
            Session session = connection.createSession();
            Topic topic = session.createTopic("delivery-stopped");
            MessageConsumer subscriber = session.createConsumer(topic);
            Session publishing = publisher.createSession();
            publishing.createProducer(topic).send(publishing.createTextMessage("while stopped"));
            assertNull(subscriber.receive(300), "a stopped connection delivers nothing");
            connection.start();
            assertEquals("while stopped", ((TextMessage) subscriber.receive(WAIT)).getText(),
                    "the subscription existed while the connection was stopped");
        }
    }

    @Test
    void eachEnumerationOfABrowserStartsAtTheQueuesHeadAndShowsWhatItsSelectorSelects() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            Queue queue = session.createQueue("delivery-browse");
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < 6; i++) {
                TextMessage message = session.createTextMessage("m" + i);
                message.setIntProperty("n", i);
                producer.send(message);
            }
            try (jakarta.jms.QueueBrowser browser = session.createBrowser(queue, "n >= 3")) {
                assertEquals("n >= 3", browser.getMessageSelector());
                assertEquals(queue, browser.getQueue());
                for (int pass = 0; pass < 2; pass++) {
                    List<String> seen = new ArrayList<>();
                    java.util.Enumeration<?> messages = browser.getEnumeration();
                    while (messages.hasMoreElements()) {
                        seen.add(((TextMessage) messages.nextElement()).getText());
                    }
                    assertEquals(List.of("m3", "m4", "m5"), seen, "pass " + pass);
                }
            }
            connection.start();
            assertEquals("m0", ((TextMessage) session.createConsumer(queue).receive(WAIT)).getText(),
                    "browsing took nothing");
        }
    }

    @Test
    void aTemporaryQueueIsConsumedOnlyByItsConnectionAndNotDeletedWhileInUse() throws Exception {
        try (Connection owner = factory.createConnection(); Connection other = factory.createConnection()) {
            Session session = owner.createSession();
            jakarta.jms.TemporaryQueue replies = session.createTemporaryQueue();
            Session otherSession = other.createSession();
            assertThrows(JMSException.class, () -> otherSession.createConsumer(replies),
                    "only the connection that created it may consume from it");
            otherSession.createProducer(replies).send(otherSession.createTextMessage("reply"));
            MessageConsumer consumer = session.createConsumer(replies);
            assertThrows(JMSException.class, replies::delete, "not while it has a consumer");
            owner.start();
            assertEquals("reply", ((TextMessage) consumer.receive(WAIT)).getText());
            consumer.close();
            replies.delete();
            assertThrows(JMSException.class, () -> otherSession.createProducer(replies)
                    .send(otherSession.createTextMessage("too late")), "a deleted temporary queue is gone");
        }
    }

    @Test
    void aTemporaryDestinationNamedInJMSReplyToIsReceivedAsATemporaryDestinationOnlyItsOwnerDeletes()
            throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue requests = session.createQueue("delivery-reply-to");
            jakarta.jms.TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage request = session.createTextMessage("ping");
            request.setJMSReplyTo(replies);
            session.createProducer(requests).send(request);
            Message received = session.createConsumer(requests).receive(WAIT);
            jakarta.jms.TemporaryQueue replyTo = assertInstanceOf(jakarta.jms.TemporaryQueue.class,
                    received.getJMSReplyTo());
            assertEquals(replies, replyTo);
            assertThrows(JMSException.class, replyTo::delete, "only the connection's own object deletes it");
            replies.delete();
        }
    }

    @Test
    void aConsumerWhoseListenerWasRemovedLeavesMessagesToOtherConsumers() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session idleSession = connection.createSession();
            Queue queue = idleSession.createQueue("delivery-idle-consumer");
            MessageConsumer wasListening = idleSession.createConsumer(queue);
            List<Message> heard = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
            wasListening.setMessageListener(message -> {
                heard.add(message);
                first.countDown();
            });
            MessageProducer producer = idleSession.createProducer(queue);
            producer.send(idleSession.createTextMessage("heard"));
            assertTrue(first.await(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS), "the listener got the first");
            wasListening.setMessageListener(null); // it had gone on waiting on the partitions' leaders

            Session busySession = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer receiving = busySession.createConsumer(queue);
            producer.send(idleSession.createTextMessage("for whoever receives"));
            assertNotNull(receiving.receive(WAIT));
            busySession.recover(); // the message goes back to the queue
            // Well before the lock of a consumer that held on to it would expire.
            Message again = receiving.receive(2_000);
            assertNotNull(again, "the consumer without a listener does not hold on to it");
            assertTrue(again.getJMSRedelivered());
            again.acknowledge();
            assertEquals(1, heard.size());
        }
    }

    @Test
    @Timeout(30) // request() waits for ever
    void aTopicRequestorGetsTheReplySentToItsTemporaryTopic() throws Exception {
        try (TopicConnection connection = factory.createTopicConnection()) {
            connection.start();
            TopicSession serving = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic requests = serving.createTopic("delivery-requests");
            serving.createSubscriber(requests).setMessageListener(request -> {
                try {
                    TextMessage reply = serving.createTextMessage("re: " + ((TextMessage) request).getText());
                    serving.createPublisher((Topic) request.getJMSReplyTo()).publish(reply);
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            TopicSession asking = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            TopicRequestor requestor = new TopicRequestor(asking, requests);
            Message reply = requestor.request(asking.createTextMessage("ping"));
            assertNotNull(reply);
            assertEquals("re: ping", ((TextMessage) reply).getText());
            requestor.close();
        }
    }
}
