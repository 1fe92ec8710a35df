package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Messaging 3.1, the domain-specific interfaces (QueueSession, TopicSession) and client identifiers: a
 * QueueSession refuses the topic-only methods and a TopicSession the queue-only ones (IllegalStateException, as
 * their documentation says), and a client identifier in use elsewhere is an InvalidClientIDException.
 */
class DomainSessionsTest {
    private static final long WAIT = 10_000;

    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    @Test
    void aQueueSessionRefusesWhatOnlyTopicsHave() throws Exception {
        try (QueueConnection connection = factory.createQueueConnection()) {
            connection.start();
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = new PartitionMQTopic("domain-topic");
            assertThrows(IllegalStateException.class, () -> session.createTopic("t"));
            assertThrows(IllegalStateException.class, session::createTemporaryTopic);
            assertThrows(IllegalStateException.class, () -> session.createDurableSubscriber(topic, "d"));
            assertThrows(IllegalStateException.class, () -> session.unsubscribe("d"));

            Queue queue = session.createQueue("domain-queue");
            session.createSender(queue).send(session.createTextMessage("through a sender"));
            QueueReceiver receiver = session.createReceiver(queue);
            assertEquals("through a sender", ((TextMessage) receiver.receive(WAIT)).getText());
            assertEquals(queue, receiver.getQueue());
        }
    }

    @Test
    void aTopicSessionRefusesWhatOnlyQueuesHave() throws Exception {
        try (TopicConnection connection = factory.createTopicConnection()) {
            TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = new PartitionMQQueue("domain-queue");
            assertThrows(IllegalStateException.class, () -> session.createQueue("q"));
            assertThrows(IllegalStateException.class, session::createTemporaryQueue);
            assertThrows(IllegalStateException.class, () -> session.createBrowser(queue));
        }
    }

    @Test
    void aClientIdInUseByAnotherConnectionIsRefused() throws Exception {
        try (QueueConnection holder = factory.createQueueConnection();
                QueueConnection other = factory.createQueueConnection()) {
            holder.setClientID("domain-unique");
            assertThrows(InvalidClientIDException.class, () -> other.setClientID("domain-unique"));
            try (JMSContext context = factory.createContext()) {
                assertThrows(InvalidClientIDRuntimeException.class, () -> context.setClientID("domain-unique"),
                        "a new context's client id may still be set, and one in use is refused");
                assertThrows(MessageFormatRuntimeException.class,
                        () -> context.createProducer().send(context.createQueue("domain-queue"),
                                (jakarta.jms.Message) null), "a null message");
            }
        }
    }
}
