package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Messaging 3.1, section 3.8 (message selection) through a consumer: header fields and properties as
 * identifiers, the operators, and what a selector leaves for other consumers. The grammar itself is tested in
 * broker-core's SelectorTest.
 */
class SelectorsTest {
    private static final long WAIT = 10_000;

    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    @Test
    void headerFieldsAndPropertiesSelectAsTheSpecificationDefinesThem() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("selectors-headers");
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < 6; i++) {
                TextMessage message = session.createTextMessage("m" + i);
                message.setJMSType(i % 2 == 0 ? "order" : "refund");
                message.setJMSCorrelationID("c" + i);
                message.setIntProperty("amount", i * 10);
                message.setStringProperty("region", i < 3 ? "north_1" : "south");
                if (i == 5) {
                    message.setBooleanProperty("urgent", true);
                }
                producer.send(message, i == 1 ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT, i, 0);
            }
            assertEquals(List.of("m0", "m2", "m4"), selected(session, queue, "JMSType = 'order'"));
            assertEquals(List.of("m1"), selected(session, queue, "JMSDeliveryMode = 'NON_PERSISTENT'"));
            assertEquals(List.of("m4", "m5"), selected(session, queue, "JMSPriority >= 4"));
            assertEquals(List.of("m3"), selected(session, queue, "JMSCorrelationID IN ('c3', 'c9')"));
            assertEquals(List.of("m1", "m2", "m3"), selected(session, queue, "amount BETWEEN 10 AND 30"));
            assertEquals(List.of("m0", "m1", "m2"), selected(session, queue, "region LIKE 'north\\_%' ESCAPE '\\'"));
            assertEquals(List.of("m5"), selected(session, queue, "urgent"));
            assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), selected(session, queue, "urgent IS NULL"));
            assertEquals(List.of(), selected(session, queue, "NOT (urgent = false)  AND amount < 50"),
                    "a comparison with a missing property is unknown, and NOT unknown is unknown");
            assertEquals(List.of("m4"), selected(session, queue, "amount / 2 + 1 = 21 OR JMSMessageID = 'none'"));
        }
    }

    @Test
    void aQueueConsumersSelectorLeavesTheOtherMessagesForOtherConsumers() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("selectors-leave");
            MessageProducer producer = session.createProducer(queue);
            for (String colour : List.of("red", "blue", "red", "green")) {
                TextMessage message = session.createTextMessage(colour);
                message.setStringProperty("colour", colour);
                producer.send(message);
            }
            assertEquals(List.of("red", "red"), drain(session.createConsumer(queue, "colour = 'red'")));
            assertEquals(List.of("blue", "green"), drain(session.createConsumer(queue)));
        }
    }

    /**
     * 3.5.11: JMSXDeliveryCount, set by the provider on delivery, may be selected on: a queue consumer selecting
     * {@code JMSXDeliveryCount > 1} is given only messages delivered before and rolled back.
     */
    @Test
    void aQueueConsumerMaySelectOnTheDeliveryCountItsDeliveryWouldCarry() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("selectors-delivery-count");
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("rolled back"));
            try (Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED)) {
                MessageConsumer first = transacted.createConsumer(queue, "JMSXDeliveryCount = 1");
                assertEquals("rolled back", ((TextMessage) first.receive(5_000)).getText());
                first.close();
                transacted.rollback();
            }
            producer.send(session.createTextMessage("fresh"));

            MessageConsumer redelivered = session.createConsumer(queue, "JMSXDeliveryCount > 1");
            TextMessage again = (TextMessage) redelivered.receive(5_000);
            assertEquals("rolled back", again.getText());
            assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
            assertNull(redelivered.receive(300), "a first delivery is not selected");
            redelivered.close();
            assertEquals(List.of("fresh"), drain(session.createConsumer(queue, "JMSXDeliveryCount = 1")));
        }
    }

    /**
     * A topic subscriber's selector is evaluated by the partition leaders, on what it fetches and on what they push
     * it while it waits: it gets the messages it selects, in order, and none of the others.
     */
    @Test
    void aTopicSubscriberGetsOnlyWhatItsSelectorSelectsWhetherItFetchesOrWaits() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Topic topic = session.createTopic("selectors-subscriber");
            MessageConsumer north = session.createConsumer(topic, "region = 'north'");
            MessageProducer producer = session.createProducer(topic);
            for (int i = 0; i < 6; i++) {
                TextMessage message = session.createTextMessage("before-" + i);
                message.setStringProperty("region", i % 3 == 0 ? "north" : "south");
                producer.send(message);
            }
            assertEquals("before-0", ((TextMessage) north.receive(WAIT)).getText());
            assertEquals("before-3", ((TextMessage) north.receive(WAIT)).getText());
            assertNull(north.receive(300), "the subscriber now waits on the leaders");
            for (String region : new String[] {"south", "south", "north"}) {
                TextMessage message = session.createTextMessage("while-waiting-" + region);
                message.setStringProperty("region", region);
                producer.send(message);
            }
            assertEquals("while-waiting-north", ((TextMessage) north.receive(WAIT)).getText());
            assertNull(north.receiveNoWait());
        }
    }

    /** What a browser with the selector shows: what a consumer with it would get, without taking it. */
    private static List<String> selected(Session session, Queue queue, String selector) throws Exception {
        List<String> texts = new ArrayList<>();
        try (var browser = session.createBrowser(queue, selector)) {
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                texts.add(((TextMessage) messages.nextElement()).getText());
            }
        }
        return texts;
    }

    private static List<String> drain(MessageConsumer consumer) throws Exception {
        List<String> texts = new ArrayList<>();
        for (TextMessage m = (TextMessage) consumer.receive(WAIT); m != null; m = (TextMessage) consumer.receive(500)) {
            texts.add(m.getText());
        }
        consumer.close();
        return texts;
    }
}
