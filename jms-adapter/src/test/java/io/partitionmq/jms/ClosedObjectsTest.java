package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Messaging 3.1, 6.1.8, 6.2.15, 7.4 and 8.8: once closed, a connection, session, producer, consumer or
 * browser refuses every use with IllegalStateException, except close itself.
 */
class ClosedObjectsTest {
    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    private interface Use {
        void run() throws Exception;
    }

    @Test
    void aClosedSessionRefusesEveryMethodButClose() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("closed-session");
            session.close();
            Map<String, Use> uses = new LinkedHashMap<>();
            uses.put("createMessage", session::createMessage);
            uses.put("createTextMessage", () -> session.createTextMessage("x"));
            uses.put("createBytesMessage", session::createBytesMessage);
            uses.put("createMapMessage", session::createMapMessage);
            uses.put("createStreamMessage", session::createStreamMessage);
            uses.put("createObjectMessage", session::createObjectMessage);
            uses.put("createProducer", () -> session.createProducer(queue));
            uses.put("createConsumer", () -> session.createConsumer(queue));
            uses.put("createBrowser", () -> session.createBrowser(queue));
            uses.put("createQueue", () -> session.createQueue("q"));
            uses.put("createTopic", () -> session.createTopic("t"));
            uses.put("createTemporaryQueue", session::createTemporaryQueue);
            uses.put("createTemporaryTopic", session::createTemporaryTopic);
            uses.put("getTransacted", session::getTransacted);
            uses.put("getAcknowledgeMode", session::getAcknowledgeMode);
            uses.put("commit", session::commit);
            uses.put("rollback", session::rollback);
            uses.put("recover", session::recover);
            uses.put("getMessageListener", session::getMessageListener);
            uses.put("unsubscribe", () -> session.unsubscribe("s"));
            uses.put("setMessageListener", () -> session.setMessageListener(null));
            assertAllRefused(uses);
            session.close();
        }
    }

    @Test
    void aClosedProducerConsumerOrBrowserRefusesEveryMethodButClose() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            Queue queue = session.createQueue("closed-parts");
            MessageProducer producer = session.createProducer(queue);
            MessageConsumer consumer = session.createConsumer(queue);
            QueueBrowser browser = session.createBrowser(queue);
            producer.close();
            consumer.close();
            browser.close();
            Map<String, Use> uses = new LinkedHashMap<>();
            uses.put("producer.send", () -> producer.send(session.createTextMessage("x")));
            uses.put("producer.getDestination", producer::getDestination);
            uses.put("producer.getDeliveryMode", producer::getDeliveryMode);
            uses.put("producer.setDeliveryMode", () -> producer.setDeliveryMode(1));
            uses.put("producer.getPriority", producer::getPriority);
            uses.put("producer.setTimeToLive", () -> producer.setTimeToLive(1));
            uses.put("producer.getDisableMessageID", producer::getDisableMessageID);
            uses.put("producer.getDeliveryDelay", producer::getDeliveryDelay);
            uses.put("consumer.receive", consumer::receive);
            uses.put("consumer.receiveNoWait", consumer::receiveNoWait);
            uses.put("consumer.getMessageSelector", consumer::getMessageSelector);
            uses.put("consumer.getMessageListener", consumer::getMessageListener);
            uses.put("consumer.setMessageListener", () -> consumer.setMessageListener(null));
            uses.put("browser.getEnumeration", browser::getEnumeration);
            uses.put("browser.getQueue", browser::getQueue);
            uses.put("browser.getMessageSelector", browser::getMessageSelector);
            assertAllRefused(uses);
            producer.close();
            consumer.close();
            browser.close();
        }
    }

    @Test
    void aClosedConnectionRefusesEveryMethodButClose() throws Exception {
        Connection connection = factory.createConnection();
        connection.close();
        Map<String, Use> uses = new LinkedHashMap<>();
        uses.put("createSession", connection::createSession);
        uses.put("getClientID", connection::getClientID);
        uses.put("setClientID", () -> connection.setClientID("late"));
        uses.put("getMetaData", connection::getMetaData);
        uses.put("getExceptionListener", connection::getExceptionListener);
        uses.put("setExceptionListener", () -> connection.setExceptionListener(null));
        uses.put("start", connection::start);
        uses.put("stop", connection::stop);
        uses.put("createConnectionConsumer", () -> connection.createConnectionConsumer(null, null, null, 1));
        assertAllRefused(uses);
        connection.close();
    }

    @Test
    void closingAConsumerSessionOrConnectionEndsABlockedReceiveWithNull() throws Exception {
        for (String closing : List.of("consumer", "session", "connection")) {
            Connection connection = factory.createConnection();
            connection.start();
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue("closed-blocked-" + closing));
            CompletableFuture<Object> received = new CompletableFuture<>();
            Thread receiving = new Thread(() -> {
                try {
                    received.complete(Optional.ofNullable(consumer.receive()));
                } catch (Exception e) {
                    received.complete(e);
                }
            });
            receiving.start();
            awaitBlocked(receiving);
            switch (closing) {
                case "consumer" -> consumer.close();
                case "session" -> session.close();
                default -> connection.close();
            }
            assertEquals(Optional.empty(), received.get(10, TimeUnit.SECONDS),
                    "closing the " + closing + " makes a blocked receive return null");
            connection.close();
        }
    }

    /** Returns once the thread waits (its receive is blocked), so that the close comes while it waits. */
    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receive never blocked");
            }
            Thread.onSpinWait();
        }
    }

    /** Every use throws IllegalStateException; the map of what each threw instead names the failures. */
    private static void assertAllRefused(Map<String, Use> uses) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        uses.forEach((name, use) -> {
            expected.put(name, IllegalStateException.class.getName());
            try {
                use.run();
                outcomes.put(name, "nothing");
            } catch (Exception e) {
                outcomes.put(name, e.getClass().getName());
            }
        });
        assertEquals(expected, outcomes);
    }
}
