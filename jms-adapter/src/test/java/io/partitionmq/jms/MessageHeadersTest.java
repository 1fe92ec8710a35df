package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jakarta Messaging 3.1, section 3.4: message header fields, each assertion a sentence of that section. */
class MessageHeadersTest {
    private static final long WAIT = 10_000;

    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    @Test
    void sendSetsTheHeadersItOwnsOnTheMessageGivenAndTheConsumerSeesTheSame() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("headers");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.setPriority(6);
            producer.setTimeToLive(60_000);
            producer.setDeliveryDelay(0);
            TextMessage sent = session.createTextMessage("headers");
            sent.setJMSPriority(1);
            sent.setJMSExpiration(5);
            sent.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
            sent.setJMSCorrelationID("order-17");
            sent.setJMSType("invoice");
            sent.setJMSReplyTo(session.createQueue("replies"));
            long before = System.currentTimeMillis();
            producer.send(sent);
            long after = System.currentTimeMillis();

            assertTrue(sent.getJMSMessageID().startsWith("ID:"), "a message id starts with ID:");
            assertTrue(sent.getJMSTimestamp() >= before && sent.getJMSTimestamp() <= after,
                    "the timestamp is the time the message was handed to send");
            assertEquals(queue, sent.getJMSDestination());
            assertEquals(DeliveryMode.NON_PERSISTENT, sent.getJMSDeliveryMode(), "send overrides what was set");
            assertEquals(6, sent.getJMSPriority(), "send overrides what was set");
            assertEquals(sent.getJMSTimestamp() + 60_000, sent.getJMSExpiration(), "timestamp plus time to live");
            assertEquals(sent.getJMSTimestamp(), sent.getJMSDeliveryTime(), "without a delay, deliverable at once");

            MessageConsumer consumer = session.createConsumer(queue);
            Message received = consumer.receive(WAIT);
            assertEquals(sent.getJMSMessageID(), received.getJMSMessageID());
            assertEquals(sent.getJMSTimestamp(), received.getJMSTimestamp());
            assertEquals(sent.getJMSExpiration(), received.getJMSExpiration());
            assertEquals(sent.getJMSDeliveryTime(), received.getJMSDeliveryTime());
            assertEquals(6, received.getJMSPriority());
            assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
            assertEquals("order-17", received.getJMSCorrelationID());
            assertEquals("invoice", received.getJMSType());
            assertEquals(session.createQueue("replies"), received.getJMSReplyTo());
            assertEquals(queue, received.getJMSDestination());
            assertFalse(received.getJMSRedelivered(), "a first delivery is not a redelivery");
        }
    }

    @Test
    void eachMessageGetsItsOwnIdAndTheProducerMayBeToldNotToSetIdsOrTimestamps() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue("headers-ids"));
            TextMessage first = session.createTextMessage("1");
            TextMessage second = session.createTextMessage("2");
            producer.send(first);
            producer.send(second);
            assertNotEquals(first.getJMSMessageID(), second.getJMSMessageID());

            producer.setDisableMessageID(true);
            producer.setDisableMessageTimestamp(true);
            TextMessage bare = session.createTextMessage("3");
            producer.send(bare);
            assertNull(bare.getJMSMessageID(), "with ids disabled the id is null");
            assertEquals(0, bare.getJMSTimestamp(), "with timestamps disabled the timestamp is 0");
        }
    }

    @Test
    void aCorrelationIdGivenAsBytesComesBackAsTheSameBytes() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("headers-correlation");
            Message sent = session.createMessage();
            sent.setJMSCorrelationIDAsBytes(new byte[] {0, 1, (byte) 0xff});
            session.createProducer(queue).send(sent);
            assertArrayEquals(new byte[] {0, 1, (byte) 0xff},
                    session.createConsumer(queue).receive(WAIT).getJMSCorrelationIDAsBytes());
        }
    }

    @Test
    void aMessageOfAnotherProviderCanBeSentAndSendSetsItsHeaders() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("headers-foreign");
            TextMessage foreign = foreignTextMessage();
            foreign.setText("from elsewhere");
            foreign.setStringProperty("origin", "other-provider");
            foreign.setJMSType("imported");
            session.createProducer(queue).send(foreign);
            assertTrue(foreign.getJMSMessageID().startsWith("ID:"), "the foreign message's headers are set too");
            assertEquals(queue, foreign.getJMSDestination());

            TextMessage received = (TextMessage) session.createConsumer(queue).receive(WAIT);
            assertEquals("from elsewhere", received.getText());
            assertEquals("other-provider", received.getStringProperty("origin"));
            assertEquals("imported", received.getJMSType());
            assertEquals(foreign.getJMSMessageID(), received.getJMSMessageID());
        }
    }

    /**
     * A TextMessage that is not PartitionMQ's, as another provider's would be: headers, properties and the text in
     * maps, defaults where nothing was set.
     */
    private static TextMessage foreignTextMessage() {
        Map<String, Object> headers = new HashMap<>();
        Map<String, Object> properties = new HashMap<>();
        return (TextMessage) Proxy.newProxyInstance(MessageHeadersTest.class.getClassLoader(),
                new Class<?>[] {TextMessage.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    Class<?> type = method.getReturnType();
                    if (name.equals("getPropertyNames")) {
                        return Collections.enumeration(properties.keySet());
                    }
                    if (name.equals("propertyExists")) {
                        return properties.containsKey((String) args[0]);
                    }
                    if (name.endsWith("Property")) {
                        if (name.startsWith("set")) {
                            properties.put((String) args[0], args[1]);
                            return null;
                        }
                        return properties.get((String) args[0]);
                    }
                    if (name.startsWith("set") && args != null && args.length == 1) {
                        headers.put(name.substring(3), args[0]);
                        return null;
                    }
                    if (name.startsWith("get") && (args == null || args.length == 0)) {
                        Object value = headers.get(name.substring(3));
                        if (value == null && type.isPrimitive()) {
                            return type == boolean.class ? Boolean.FALSE : type == long.class ? (Object) 0L : 0;
                        }
                        return value;
                    }
                    if (name.equals("toString")) {
                        return "a foreign TextMessage";
                    }
                    return null;
                });
    }
}
