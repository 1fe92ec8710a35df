package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Messaging 3.1: a destination that is missing or invalid is an InvalidDestinationException, a selector
 * that does not parse an InvalidSelectorException (their runtime variants in the simplified API), each saying
 * what was wrong, and nothing is created or lost by the refusal.
 */
class InvalidInputTest {
    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    @Test
    void aMissingDestinationIsAnInvalidDestinationWhereverOneIsNeeded() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("invalid-input");
            Session session = connection.createSession();
            assertThrows(InvalidDestinationException.class, () -> session.createConsumer(null));
            assertThrows(InvalidDestinationException.class, () -> session.createBrowser(null));
            assertThrows(InvalidDestinationException.class, () -> session.createDurableSubscriber(null, "d"));
            assertThrows(InvalidDestinationException.class, () -> session.createSharedConsumer(null, "s"));
            assertThrows(InvalidDestinationException.class, () -> session.createDurableConsumer(null, "d"));
            InvalidDestinationException badName = assertThrows(InvalidDestinationException.class,
                    () -> session.createProducer(session.createQueue("has space")));
            assertTrue(badName.getMessage().contains("has space"), badName.getMessage());
        }
        try (JMSContext context = factory.createContext()) {
            assertThrows(InvalidDestinationRuntimeException.class, () -> context.createConsumer(null));
            assertThrows(InvalidDestinationRuntimeException.class, () -> context.createBrowser(null));
            assertThrows(InvalidDestinationRuntimeException.class,
                    () -> context.createProducer().send(null, "nowhere"));
        }
    }

    @Test
    void aMessageLargerThanTheTopicAcceptsIsRefusedAtSendWhateverItsDeliveryModeAndNothingIsAppended()
            throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("invalid-oversize");
            MessageProducer producer = session.createProducer(queue);
            BytesMessage huge = session.createBytesMessage();
            huge.writeBytes(new byte[2 * 1024 * 1024]);
            for (int mode : new int[] {DeliveryMode.PERSISTENT, DeliveryMode.NON_PERSISTENT}) {
                producer.setDeliveryMode(mode);
                JMSException refused = assertThrows(JMSException.class,
                        () -> producer.send(huge), "delivery mode " + mode);
                assertTrue(refused.getMessage().contains("max.message.bytes"), refused.getMessage());
            }
            producer.send(session.createTextMessage("small"));
            MessageConsumer consumer = session.createConsumer(queue);
            assertEquals("small", ((TextMessage) consumer.receive(10_000)).getText());
            assertNull(consumer.receive(300), "the refused messages were not appended");
        }
    }

    @Test
    void aSelectorThatDoesNotParseIsAnInvalidSelectorAndTheConsumerIsNotCreated() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("invalid-selectors");
            connection.start();
            Session session = connection.createSession();
            Topic topic = session.createTopic("invalid-selectors");
            InvalidSelectorException refused = assertThrows(InvalidSelectorException.class,
                    () -> session.createConsumer(session.createQueue("invalid-selectors"), "price >"));
            assertTrue(refused.getMessage().contains("price >"), refused.getMessage());
            assertThrows(InvalidSelectorException.class, () -> session.createBrowser(
                    session.createQueue("invalid-selectors"), "region LIKE"));
            assertThrows(InvalidSelectorException.class,
                    () -> session.createDurableSubscriber(topic, "never", "a IN ()", false));
            assertThrows(InvalidDestinationException.class, () -> session.unsubscribe("never"),
                    "the refused subscription was not created");

            session.createProducer(session.createQueue("invalid-selectors"))
                    .send(session.createTextMessage("still here"));
            assertEquals("still here", ((TextMessage) session.createConsumer(
                    session.createQueue("invalid-selectors")).receive(10_000)).getText(),
                    "the refused consumer took nothing");
        }
        try (JMSContext context = factory.createContext()) {
            assertThrows(InvalidSelectorRuntimeException.class,
                    () -> context.createConsumer(context.createQueue("invalid-selectors"), "= 3"));
        }
    }
}
