package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.TestBrokers;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain Java SE client against brokers it reaches over Hazelcast's client protocol, as an application would. */
class JavaSeClientTest {
    private static final long WAIT = 10_000;

    @TempDir
    static Path data;
    static TestBrokers brokers;
    static PartitionMQConnectionFactory factory;

    Connection connection;
    Session session;

    @BeforeAll
    static void startBrokers() {
        brokers = TestBrokers.start(2, data);
        factory = new PartitionMQConnectionFactory(brokers.clientAddressList());
        factory.setClusterName(brokers.get(0).config().clusterName());
    }

    @AfterAll
    static void stopBrokers() {
        brokers.close();
    }

    @BeforeEach
    void connect() throws Exception {
        connection = factory.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
    }

    @AfterEach
    void disconnect() throws Exception {
        connection.close();
    }

    @Test
    void textAndBytesMessagesWithPropertiesArriveOnAQueueInTheOrderSent() throws Exception {
        Queue queue = session.createQueue("se-orders");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 20; i++) {
            TextMessage text = session.createTextMessage("order-" + i);
            text.setIntProperty("index", i);
            text.setStringProperty("customer", "acme");
            producer.send(text);
        }
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3});
        bytes.writeUTF("tail");
        bytes.setBooleanProperty("binary", true);
        producer.send(bytes);

        for (int i = 0; i < 20; i++) {
            TextMessage received = (TextMessage) consumer.receive(WAIT);
            assertNotNull(received, "message " + i);
            assertEquals("order-" + i, received.getText());
            assertEquals(i, received.getIntProperty("index"));
            assertEquals("" + i, received.getStringProperty("index"), "an int property reads as a String");
            assertEquals("acme", received.getStringProperty("customer"));
            assertEquals(queue, received.getJMSDestination());
            assertEquals(DeliveryMode.PERSISTENT, received.getJMSDeliveryMode());
            assertTrue(received.getJMSMessageID().startsWith("ID:"));
            assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
        }
        BytesMessage receivedBytes = assertInstanceOf(BytesMessage.class, consumer.receive(WAIT));
        byte[] head = new byte[3];
        assertEquals(3, receivedBytes.readBytes(head));
        assertArrayEquals(new byte[] {1, 2, 3}, head);
        assertEquals("tail", receivedBytes.readUTF());
        assertTrue(receivedBytes.getBooleanProperty("binary"));
        assertNull(consumer.receiveNoWait(), "nothing more on the queue");
    }

    @Test
    void aDeliveredMessageTellsItsTopicPartitionAndOffsetAndAGroupStaysInOnePartition() throws Exception {
        Queue queue = session.createQueue("se-positions");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 6; i++) {
            TextMessage text = session.createTextMessage("m" + i);
            text.setStringProperty("JMSXGroupID", "customer-7");
            producer.send(text);
        }
        MessageConsumer consumer = session.createConsumer(queue);
        Set<Integer> partitions = new HashSet<>();
        for (long expected = 0; expected < 6; expected++) {
            Message received = consumer.receive(WAIT);
            assertNotNull(received, "message " + expected);
            assertEquals("se-positions", received.getStringProperty("JMS_PartitionMQ_Topic"));
            partitions.add(received.getIntProperty("JMS_PartitionMQ_Partition"));
            assertEquals(expected, received.getLongProperty("JMS_PartitionMQ_Offset"),
                    "one group's messages take consecutive offsets of its partition");
        }
        assertEquals(1, partitions.size(), "a group's messages are in one partition");
        QueueBrowser browser = session.createBrowser(queue);
        assertFalse(browser.getEnumeration().hasMoreElements(), "everything was consumed");
    }

    @Test
    void asynchronousSendsCompleteInTheOrderSentAndNonPersistentSendsLandBeforeCloseReturns() throws Exception {
        Queue queue = session.createQueue("se-async");
        List<String> completed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(200);
        try (Connection sending = factory.createConnection()) {
            Session sendSession = sending.createSession();
            MessageProducer producer = sendSession.createProducer(queue);
            CompletionListener listener = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    try {
                        completed.add(((TextMessage) message).getText());
                    } catch (JMSException e) {
                        completed.add("unreadable: " + e);
                    }
                    all.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    completed.add("failed: " + exception);
                    all.countDown();
                }
            };
            for (int i = 0; i < 200; i++) {
                producer.send(sendSession.createTextMessage("async-" + i), listener);
            }
            assertTrue(all.await(WAIT, TimeUnit.MILLISECONDS), "every send completed");
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < 500; i++) {
                producer.send(sendSession.createTextMessage("fast-" + i));
            }
        }
        assertEquals(IntStream.range(0, 200).mapToObj(i -> "async-" + i).toList(), completed,
                "callbacks come in the order of the sends (specification 7.3.6)");
        MessageConsumer consumer = session.createConsumer(queue);
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            TextMessage message = (TextMessage) consumer.receive(WAIT);
            assertNotNull(message, "message " + i + " of 700");
            received.add(message.getText());
        }
        assertEquals("fast-499", received.get(699), "non-persistent sends made before close arrived, in order");
        assertNull(consumer.receiveNoWait(), "each message arrived once");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // request() waits without a bound of its own
    void aQueueRequestorGetsTheReplySentToItsTemporaryQueue() throws Exception {
        try (jakarta.jms.QueueConnection queueConnection = factory.createQueueConnection()) {
            jakarta.jms.QueueSession queueSession = queueConnection.createQueueSession(false,
                    Session.AUTO_ACKNOWLEDGE);
            Queue service = queueSession.createQueue("se-service");
            Session serving = connection.createSession();
            MessageConsumer requests = serving.createConsumer(service);
            MessageProducer replies = serving.createProducer(null);
            requests.setMessageListener(request -> {
                try {
                    replies.send(request.getJMSReplyTo(),
                            serving.createTextMessage("re: " + ((TextMessage) request).getText()));
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            queueConnection.start();
            jakarta.jms.QueueRequestor requestor = new jakarta.jms.QueueRequestor(queueSession, service);
            TextMessage reply = (TextMessage) requestor.request(queueSession.createTextMessage("ping"));
            assertEquals("re: ping", reply.getText());
            requestor.close();
        }
    }

    @Test
    void competingQueueConsumersTakeEachMessageOnce() throws Exception {
        Queue queue = session.createQueue("se-work");
        Session second = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer a = session.createConsumer(queue);
        MessageConsumer b = second.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 40; i++) {
            producer.send(session.createTextMessage("job-" + i));
        }
        List<String> taken = Collections.synchronizedList(new ArrayList<>());
        Thread other = new Thread(() -> drain(b, taken));
        other.start();
        drain(a, taken);
        other.join();
        assertEquals(40, taken.size());
        assertEquals(40, new HashSet<>(taken).size(), "no message was taken twice");
    }

    private static void drain(MessageConsumer consumer, List<String> into) {
        try {
            Message message;
            while ((message = consumer.receive(1_000)) != null) {
                into.add(((TextMessage) message).getText());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyTopicSubscriberReceivesEveryMessagePublishedWhileItIsActive() throws Exception {
        Topic topic = session.createTopic("se-prices");
        MessageProducer producer = session.createProducer(topic);
        producer.send(session.createTextMessage("before any subscriber"));

        MessageConsumer first = session.createConsumer(topic);
        Session otherSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        CountDownLatch heard = new CountDownLatch(5);
        List<String> viaListener = Collections.synchronizedList(new ArrayList<>());
        otherSession.createConsumer(topic).setMessageListener(m -> {
            try {
                viaListener.add(((TextMessage) m).getText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            heard.countDown();
        });
        for (int i = 0; i < 5; i++) {
            producer.send(session.createTextMessage("price-" + i));
        }
        List<String> viaReceive = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            viaReceive.add(((TextMessage) first.receive(WAIT)).getText());
        }
        assertTrue(heard.await(WAIT, TimeUnit.MILLISECONDS));
        List<String> expected = List.of("price-0", "price-1", "price-2", "price-3", "price-4");
        assertEquals(expected, viaReceive);
        assertEquals(expected, viaListener);
        assertNull(first.receiveNoWait());
    }

    @Test
    void aStoppedConnectionDeliversNothingUntilStarted() throws Exception {
        Queue queue = session.createQueue("se-paused");
        MessageConsumer consumer = session.createConsumer(queue);
        session.createProducer(queue).send(session.createTextMessage("held"));
        connection.stop();
        assertNull(consumer.receive(300));
        connection.start();
        assertEquals("held", ((TextMessage) consumer.receive(WAIT)).getText());
    }

    @Test
    void anInvalidDestinationNameIsRefusedWithTheReason() throws Exception {
        MessageProducer anonymous = session.createProducer(null);
        InvalidDestinationException e = assertThrows(InvalidDestinationException.class,
                () -> anonymous.send(new PartitionMQQueue("no spaces allowed"), session.createTextMessage("x")));
        assertTrue(e.getMessage().contains("illegal character"), e.getMessage());
        assertThrows(InvalidDestinationException.class, () -> session.createQueue(""));
        assertThrows(InvalidDestinationException.class, () -> anonymous.send(null, session.createMessage()));
    }

    @Test
    void theSimplifiedApiSendsAndReceivesBodies() throws Exception {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("se-simple");
            var consumer = context.createConsumer(queue);
            context.createProducer().setProperty("kind", "greeting").send(queue, "hello");
            context.createProducer().send(queue, new byte[] {7, 8});
            Message first = consumer.receive(WAIT);
            assertEquals("greeting", assertInstanceOf(TextMessage.class, first).getStringProperty("kind"));
            assertArrayEquals(new byte[] {7, 8}, consumer.receiveBody(byte[].class, WAIT));
            assertThrows(InvalidDestinationRuntimeException.class,
                    () -> context.createProducer().send(new PartitionMQTopic("bad/name"), "x"));
        }
    }

    @Test
    void receivedMessagesAreReadOnlyAndClosedObjectsRefuseUse() throws Exception {
        Queue queue = session.createQueue("se-rules");
        session.createProducer(queue).send(session.createTextMessage("frozen"));
        TextMessage received = (TextMessage) session.createConsumer(queue).receive(WAIT);
        assertThrows(jakarta.jms.MessageNotWriteableException.class, () -> received.setText("changed"));
        assertThrows(jakarta.jms.MessageNotWriteableException.class, () -> received.setIntProperty("x", 1));
        received.clearBody();
        received.setText("changed");
        assertEquals("changed", received.getText());

        Session closed = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        closed.close();
        assertThrows(jakarta.jms.IllegalStateException.class, () -> closed.createTextMessage());
        assertThrows(jakarta.jms.JMSException.class, () -> connection.createSession(42));
        assertFalse(session.getTransacted());
        assertThrows(jakarta.jms.IllegalStateException.class, () -> session.commit());
    }

    @Test
    void aQueueMessageWhoseListenerThrowsIsRedeliveredMarkedAsSuchThenDeadLettered() throws Exception {
        Queue queue = session.createQueue("se-fragile");
        session.createProducer(queue).send(session.createTextMessage("poison"));
        Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        List<Integer> deliveries = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> redelivered = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allTried = new CountDownLatch(5);
        listening.createConsumer(queue).setMessageListener(m -> {
            try {
                deliveries.add(m.getIntProperty("JMSXDeliveryCount"));
                redelivered.add(m.getJMSRedelivered());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            allTried.countDown();
            throw new IllegalStateException("cannot process this one");
        });
        assertTrue(allTried.await(WAIT, TimeUnit.MILLISECONDS));
        listening.close();
        assertEquals(List.of(1, 2, 3, 4, 5), deliveries);
        assertEquals(List.of(false, true, true, true, true), redelivered);

        MessageConsumer deadLetters = session.createConsumer(session.createQueue("se-fragile.DLQ"));
        TextMessage dead = (TextMessage) deadLetters.receive(WAIT);
        assertEquals("poison", dead.getText());
        assertEquals("se-fragile", dead.getStringProperty("JMS_PartitionMQ_OriginalTopic"));
        assertTrue(dead.getStringProperty("JMS_PartitionMQ_DeadLetterReason").contains("5 deliveries"));
    }

    @Test
    void messagesAClosedConsumerFetchedAheadGoToTheNextConsumer() throws Exception {
        Queue queue = session.createQueue("se-handover");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            producer.send(session.createTextMessage("item-" + i));
        }
        MessageConsumer first = session.createConsumer(queue);
        assertEquals("item-0", ((TextMessage) first.receive(WAIT)).getText());
        first.close();
        MessageConsumer second = session.createConsumer(queue);
        for (int i = 1; i < 5; i++) {
            TextMessage next = (TextMessage) second.receive(WAIT);
            assertNotNull(next, "item-" + i + " was released by the closed consumer");
            assertEquals("item-" + i, next.getText());
            assertFalse(next.getJMSRedelivered(), "it was never delivered to the application");
        }
    }

    @Test
    void clientAcknowledgeRedeliversOnRecoverAndAcknowledgesEverythingTheSessionConsumed() throws Exception {
        Queue queue = session.createQueue("se-client-ack");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 3; i++) {
            producer.send(session.createTextMessage("c" + i));
        }
        Session clientAck = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = clientAck.createConsumer(queue);
        assertEquals("c0", ((TextMessage) consumer.receive(WAIT)).getText());
        assertEquals("c1", ((TextMessage) consumer.receive(WAIT)).getText());
        clientAck.recover();
        TextMessage again = (TextMessage) consumer.receive(WAIT);
        assertEquals("c0", again.getText());
        assertTrue(again.getJMSRedelivered());
        assertEquals("c1", ((TextMessage) consumer.receive(WAIT)).getText());
        TextMessage last = (TextMessage) consumer.receive(WAIT);
        assertEquals("c2", last.getText());
        last.acknowledge();
        clientAck.close();
        assertNull(session.createConsumer(queue).receive(500), "all three were acknowledged");
    }

    @Test
    void aTransactedSessionsSendsAppearAtCommitAndItsReceivesComeBackOnRollback() throws Exception {
        Queue queue = session.createQueue("se-tx");
        Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        assertTrue(transacted.getTransacted());
        MessageProducer producer = transacted.createProducer(queue);
        MessageConsumer watcher = session.createConsumer(queue);
        producer.send(transacted.createTextMessage("t1"));
        producer.send(transacted.createTextMessage("t2"));
        assertNull(watcher.receive(300), "nothing is visible before commit");
        transacted.rollback();
        producer.send(transacted.createTextMessage("t3"));
        transacted.commit();
        assertEquals("t3", ((TextMessage) watcher.receive(WAIT)).getText());
        assertNull(watcher.receiveNoWait(), "the rolled back sends never appear");
        watcher.close();

        producer.send(transacted.createTextMessage("t4"));
        transacted.commit();
        MessageConsumer consumer = transacted.createConsumer(queue);
        assertEquals("t4", ((TextMessage) consumer.receive(WAIT)).getText());
        transacted.rollback();
        TextMessage redelivered = (TextMessage) consumer.receive(WAIT);
        assertEquals("t4", redelivered.getText());
        assertTrue(redelivered.getJMSRedelivered());
        transacted.commit();
        transacted.close();
        assertNull(session.createConsumer(queue).receive(500), "the committed receive consumed it");
    }

    @Test
    void aQueueConsumerWithASelectorGetsOnlyWhatItSelectsAndLeavesTheRestToOthers() throws Exception {
        Queue queue = session.createQueue("se-selected");
        MessageProducer producer = session.createProducer(queue);
        for (String color : List.of("red", "blue", "red", "green")) {
            TextMessage message = session.createTextMessage(color);
            message.setStringProperty("color", color);
            message.setIntProperty("size", color.length());
            producer.send(message);
        }
        MessageConsumer reds = session.createConsumer(queue, "color = 'red' AND size BETWEEN 1 AND 3");
        assertEquals("color = 'red' AND size BETWEEN 1 AND 3", reds.getMessageSelector());
        assertEquals("red", ((TextMessage) reds.receive(WAIT)).getText());
        assertEquals("red", ((TextMessage) reds.receive(WAIT)).getText());
        assertNull(reds.receive(300));
        reds.close();
        MessageConsumer others = session.createConsumer(queue);
        assertEquals("blue", ((TextMessage) others.receive(WAIT)).getText());
        assertEquals("green", ((TextMessage) others.receive(WAIT)).getText());
    }

    @Test
    void aTopicSubscriberWithASelectorSeesOnlyWhatItSelectsAndBadSelectorsAreRefused() throws Exception {
        Topic topic = session.createTopic("se-selected-topic");
        MessageConsumer urgent = session.createConsumer(topic, "JMSPriority > 6 OR urgent = TRUE");
        MessageProducer producer = session.createProducer(topic);
        producer.send(session.createTextMessage("low"));
        producer.send(session.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);
        TextMessage flagged = session.createTextMessage("flagged");
        flagged.setBooleanProperty("urgent", true);
        producer.send(flagged);
        assertEquals("high", ((TextMessage) urgent.receive(WAIT)).getText());
        assertEquals("flagged", ((TextMessage) urgent.receive(WAIT)).getText());
        assertNull(urgent.receive(300));

        jakarta.jms.InvalidSelectorException bad = assertThrows(jakarta.jms.InvalidSelectorException.class,
                () -> session.createConsumer(topic, "color = 'red"));
        assertTrue(bad.getMessage().contains("not closed"), bad.getMessage());
        assertThrows(jakarta.jms.InvalidSelectorRuntimeException.class, () -> {
            try (JMSContext context = factory.createContext()) {
                context.createConsumer(context.createQueue("se-selected"), "size +");
            }
        });
        assertNull(session.createConsumer(topic, "").getMessageSelector(), "an empty selector selects all");
    }

    @Test
    void aDurableSubscriptionKeepsWhatIsPublishedWhileItsSubscriberIsAwayUntilUnsubscribed() throws Exception {
        Topic topic = session.createTopic("se-durable");
        MessageProducer publisher = session.createProducer(topic);
        publisher.send(session.createTextMessage("before the subscription"));
        try (Connection client = factory.createConnection()) {
            client.setClientID("se-durable-client");
            Session subscriberSession = client.createSession();
            client.start();
            MessageConsumer subscriber = subscriberSession.createDurableConsumer(topic, "audit");
            assertThrows(jakarta.jms.IllegalStateException.class,
                    () -> subscriberSession.createDurableConsumer(topic, "audit"), "one active consumer");
            publisher.send(session.createTextMessage("first"));
            assertEquals("first", ((TextMessage) subscriber.receive(WAIT)).getText());
            subscriber.close();

            publisher.send(session.createTextMessage("while away"));
            MessageConsumer back = subscriberSession.createDurableConsumer(topic, "audit");
            assertEquals("while away", ((TextMessage) back.receive(WAIT)).getText());
            assertThrows(jakarta.jms.IllegalStateException.class, () -> subscriberSession.unsubscribe("audit"));
            back.close();
            subscriberSession.unsubscribe("audit");
            assertThrows(InvalidDestinationException.class, () -> subscriberSession.unsubscribe("audit"));

            publisher.send(session.createTextMessage("after unsubscribe"));
            MessageConsumer fresh = subscriberSession.createDurableConsumer(topic, "audit");
            assertNull(fresh.receive(300), "a new subscription starts from now");
        }
        assertThrows(jakarta.jms.IllegalStateException.class, () -> session.createDurableConsumer(topic, "x"),
                "an unshared durable subscription needs a client id");
    }

    @Test
    void aNonDurableSharedSubscriptionLivesWhileItHasConsumers() throws Exception {
        Topic topic = session.createTopic("se-shared-life");
        MessageProducer producer = session.createProducer(topic);
        MessageConsumer first = session.createSharedConsumer(topic, "watchers");
        MessageConsumer second = session.createSharedConsumer(topic, "watchers");
        JMSException changed = assertThrows(JMSException.class,
                () -> session.createSharedConsumer(topic, "watchers", "kind = 'other'"));
        assertTrue(changed.getMessage().contains("active consumer"), changed.getMessage());

        first.close();
        producer.send(session.createTextMessage("while one consumer remains"));
        TextMessage kept = (TextMessage) second.receive(WAIT);
        assertNotNull(kept, "the subscription lives on with its remaining consumer");
        assertEquals("while one consumer remains", kept.getText());

        second.close();
        producer.send(session.createTextMessage("nobody subscribed"));
        MessageConsumer later = session.createSharedConsumer(topic, "watchers", "kind IS NULL");
        assertNull(later.receive(500), "the subscription ended with its last consumer, and what was published"
                + " then was kept for nobody (JMS 6.11.2)");
        producer.send(session.createTextMessage("for the new subscription"));
        assertEquals("for the new subscription", ((TextMessage) later.receive(WAIT)).getText());
    }

    @Test
    void consumersOfASharedSubscriptionShareItsMessagesAndNoLocalLeavesOutOwnMessages() throws Exception {
        Topic topic = session.createTopic("se-shared");
        MessageConsumer one = session.createSharedConsumer(topic, "workers");
        MessageConsumer two = connection.createSession().createSharedConsumer(topic, "workers");
        MessageConsumer everything = session.createConsumer(topic);
        MessageProducer publisher = session.createProducer(topic);
        for (int i = 0; i < 10; i++) {
            publisher.send(session.createTextMessage("w" + i));
        }
        Set<String> shared = new HashSet<>();
        Thread other = new Thread(() -> {
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            drain(two, got);
            synchronized (shared) {
                shared.addAll(got);
            }
        });
        other.start();
        List<String> mine = new ArrayList<>();
        drain(one, mine);
        other.join();
        synchronized (shared) {
            assertEquals(10, shared.size() + mine.size(), "each message went to one of the two");
            shared.addAll(mine);
            assertEquals(10, shared.size());
        }
        for (int i = 0; i < 10; i++) {
            assertNotNull(everything.receive(WAIT), "a plain subscriber still gets every message");
        }

        try (Connection other2 = factory.createConnection()) {
            Session otherSession = other2.createSession();
            other2.start();
            MessageConsumer notMine = session.createConsumer(topic, null, true);
            assertTrue(((jakarta.jms.TopicSubscriber) notMine).getNoLocal());
            publisher.send(session.createTextMessage("own"));
            otherSession.createProducer(topic).send(otherSession.createTextMessage("foreign"));
            assertEquals("foreign", ((TextMessage) notMine.receive(WAIT)).getText());
            assertNull(notMine.receive(300));
        }
    }

    @Test
    void aDelayedMessageIsNotDeliveredBeforeItsDeliveryTimeAndDoesNotHoldUpOthers() throws Exception {
        for (jakarta.jms.Destination destination : List.of(session.createQueue("se-delayed"),
                session.createTopic("se-delayed-topic"))) {
            MessageConsumer consumer = session.createConsumer(destination);
            MessageProducer producer = session.createProducer(destination);
            producer.setDeliveryDelay(1500);
            assertEquals(1500, producer.getDeliveryDelay());
            long sent = System.currentTimeMillis();
            producer.send(session.createTextMessage("later"));
            producer.setDeliveryDelay(0);
            producer.send(session.createTextMessage("now"));

            assertEquals("now", ((TextMessage) consumer.receive(WAIT)).getText(), "on " + destination);
            TextMessage later = (TextMessage) consumer.receive(WAIT);
            assertEquals("later", later.getText());
            assertTrue(System.currentTimeMillis() >= sent + 1500, "not before its delivery time");
            assertTrue(later.getJMSDeliveryTime() >= sent + 1500);
            consumer.close();
        }
        assertThrows(jakarta.jms.JMSException.class, () -> session.createProducer(null).setDeliveryDelay(-1));
    }

    @Test
    void aQueueBrowserShowsWhatConsumersCouldReceiveWithoutTakingIt() throws Exception {
        Queue queue = session.createQueue("se-browsed");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            TextMessage message = session.createTextMessage("b" + i);
            message.setIntProperty("n", i);
            producer.send(message);
        }
        jakarta.jms.QueueBrowser browser = session.createBrowser(queue, "n >= 2");
        assertEquals("n >= 2", browser.getMessageSelector());
        List<String> seen = new ArrayList<>();
        for (Object message : Collections.list(browser.getEnumeration())) {
            seen.add(((TextMessage) message).getText());
        }
        assertEquals(List.of("b2", "b3", "b4"), seen);
        browser.close();

        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals("b0", ((TextMessage) consumer.receive(WAIT)).getText(), "browsing took nothing");
        consumer.close();
        List<String> left = new ArrayList<>();
        for (Object message : Collections.list(session.createBrowser(queue).getEnumeration())) {
            left.add(((TextMessage) message).getText());
        }
        assertEquals(List.of("b1", "b2", "b3", "b4"), left, "the received message is gone");
    }

    @Test
    void aTemporaryQueueCarriesRepliesToItsConnectionOnlyAndGoesAwayWithIt() throws Exception {
        Queue requests = session.createQueue("se-requests");
        jakarta.jms.TemporaryQueue replies = session.createTemporaryQueue();
        MessageConsumer replyConsumer = session.createConsumer(replies);
        TextMessage request = session.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        session.createProducer(requests).send(request);

        try (Connection server = factory.createConnection()) {
            Session serverSession = server.createSession();
            server.start();
            Message received = serverSession.createConsumer(requests).receive(WAIT);
            serverSession.createProducer(received.getJMSReplyTo()).send(serverSession.createTextMessage("pong"));
            assertThrows(InvalidDestinationException.class, () -> serverSession.createConsumer(replies),
                    "only the creating connection consumes from a temporary queue");
        }
        assertEquals("pong", ((TextMessage) replyConsumer.receive(WAIT)).getText());

        assertThrows(jakarta.jms.IllegalStateException.class, replies::delete, "it still has a consumer");
        replyConsumer.close();
        replies.delete();
        assertThrows(InvalidDestinationException.class,
                () -> session.createProducer(null).send(replies, session.createTextMessage("late")));

        jakarta.jms.TemporaryTopic events;
        try (Connection shortLived = factory.createConnection()) {
            events = shortLived.createSession().createTemporaryTopic();
        }
        assertTrue(brokers.get(0).connect().logs().findTopic(events.getTopicName()).isEmpty(),
                "closing the connection deleted its temporary topic");
    }

    @Test
    void mapStreamAndObjectMessagesKeepTheirTypedBodiesAndConvertAsTheSpecificationSays() throws Exception {
        Queue queue = session.createQueue("se-bodies");
        MessageProducer producer = session.createProducer(queue);
        jakarta.jms.MapMessage map = session.createMapMessage();
        map.setInt("quantity", 3);
        map.setString("sku", "A-1");
        map.setChar("grade", 'B');
        map.setBytes("raw", new byte[] {1, 2});
        producer.send(map);
        jakarta.jms.StreamMessage stream = session.createStreamMessage();
        stream.writeShort((short) 7);
        stream.writeString("42");
        stream.writeBytes(new byte[] {9, 8, 7});
        stream.writeBoolean(true);
        producer.send(stream);
        producer.send(session.createObjectMessage(new java.util.ArrayList<>(List.of("x", "y"))));

        MessageConsumer consumer = session.createConsumer(queue);
        jakarta.jms.MapMessage gotMap = (jakarta.jms.MapMessage) consumer.receive(WAIT);
        assertEquals(3L, gotMap.getLong("quantity"), "an int reads as long");
        assertEquals("3", gotMap.getString("quantity"), "and as String");
        assertEquals('B', gotMap.getChar("grade"));
        assertArrayEquals(new byte[] {1, 2}, gotMap.getBytes("raw"));
        assertThrows(jakarta.jms.MessageFormatException.class, () -> gotMap.getBoolean("quantity"));
        assertThrows(NumberFormatException.class, () -> gotMap.getInt("sku"));
        assertThrows(jakarta.jms.MessageNotWriteableException.class, () -> gotMap.setInt("more", 1));
        assertTrue(gotMap.itemExists("sku"));
        assertEquals(Set.of("quantity", "sku", "grade", "raw"),
                new HashSet<>(Collections.list(castNames(gotMap.getMapNames()))));
        assertEquals(4, gotMap.getBody(java.util.Map.class).size());

        jakarta.jms.StreamMessage gotStream = (jakarta.jms.StreamMessage) consumer.receive(WAIT);
        assertEquals(7, gotStream.readInt(), "a short reads as int");
        assertThrows(jakarta.jms.MessageFormatException.class, gotStream::readChar,
                "a String cannot be read as char, and the failed read does not move the position");
        assertEquals(42L, gotStream.readLong(), "a String reads as a number");
        byte[] piece = new byte[2];
        assertEquals(2, gotStream.readBytes(piece));
        assertEquals(1, gotStream.readBytes(piece));
        assertEquals(7, piece[0]);
        assertEquals(-1, gotStream.readBytes(piece), "the end of the byte[] field");
        assertTrue(gotStream.readBoolean());
        assertThrows(jakarta.jms.MessageEOFException.class, gotStream::readBoolean);

        jakarta.jms.ObjectMessage gotObject = (jakarta.jms.ObjectMessage) consumer.receive(WAIT);
        assertEquals(List.of("x", "y"), gotObject.getObject());
        assertTrue(gotObject.isBodyAssignableTo(java.util.List.class));
        assertFalse(gotObject.isBodyAssignableTo(String.class));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Enumeration<String> castNames(java.util.Enumeration<?> names) {
        return (java.util.Enumeration<String>) names;
    }

    @Test
    void aClientIdAndAnUnsharedDurableSubscriptionBelongToOneConnectionInTheCluster() throws Exception {
        Topic topic = session.createTopic("se-exclusive");
        try (Connection first = factory.createConnection(); Connection second = factory.createConnection()) {
            first.setClientID("se-unique");
            assertThrows(jakarta.jms.InvalidClientIDException.class, () -> second.setClientID("se-unique"));
            second.setClientID("se-other");
            MessageConsumer holder = first.createSession().createDurableConsumer(topic, "only-one");
            try (Connection third = factory.createConnection()) {
                third.setClientID("se-third");
                assertNotNull(third.createSession().createDurableConsumer(topic, "only-one"),
                        "the same name under another client id is another subscription");
            }
            holder.close();
        }
        try (Connection again = factory.createConnection()) {
            again.setClientID("se-unique");
            assertEquals("se-unique", again.getClientID(), "a closed connection gave its client id back");
        }
    }
}
