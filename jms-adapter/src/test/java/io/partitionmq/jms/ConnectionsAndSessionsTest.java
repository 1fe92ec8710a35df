package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Messaging 3.1, chapter 6 (connections, sessions) and 7 (producers): the rules for their states and
 * modes, each assertion a sentence of the specification or of the API's documentation.
 */
class ConnectionsAndSessionsTest {
    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    @Test
    void theClientIdentifierMayOnlyBeSetBeforeAnyOtherActionOnTheConnection() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.createSession();
            assertThrows(IllegalStateException.class, () -> connection.setClientID("too-late"));
        }
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("in-time");
            assertEquals("in-time", connection.getClientID());
            assertThrows(IllegalStateException.class, () -> connection.setClientID("again"),
                    "a client id is set once");
        }
    }

    @Test
    void aClosedConnectionMayBeClosedAgainButRefusesEverythingElse() throws JMSException {
        Connection connection = factory.createConnection();
        Session session = connection.createSession();
        connection.close();
        connection.close();
        assertThrows(IllegalStateException.class, connection::createSession);
        assertThrows(IllegalStateException.class, connection::start);
        assertThrows(IllegalStateException.class, connection::getClientID);
        assertThrows(IllegalStateException.class, () -> session.createQueue("q"),
                "closing a connection closes its sessions");
    }

    @Test
    void theMetaDataNamesJakartaMessaging31AndTheJmsxPropertiesSupported() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            ConnectionMetaData meta = connection.getMetaData();
            assertEquals("3.1", meta.getJMSVersion());
            assertEquals(3, meta.getJMSMajorVersion());
            assertEquals(1, meta.getJMSMinorVersion());
            assertEquals("PartitionMQ", meta.getJMSProviderName());
            @SuppressWarnings("unchecked")
            List<String> jmsx = Collections.list(meta.getJMSXPropertyNames());
            assertTrue(jmsx.containsAll(List.of("JMSXGroupID", "JMSXGroupSeq", "JMSXDeliveryCount")), jmsx.toString());
        }
    }

    @Test
    void aSessionsModeIsTheOneItWasCreatedWithAndAnUnknownModeIsRefused() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            assertEquals(Session.AUTO_ACKNOWLEDGE, connection.createSession().getAcknowledgeMode());
            Session transacted = connection.createSession(true, Session.CLIENT_ACKNOWLEDGE);
            assertTrue(transacted.getTransacted());
            assertEquals(Session.SESSION_TRANSACTED, transacted.getAcknowledgeMode(),
                    "a transacted session ignores the acknowledge mode given");
            assertEquals(Session.DUPS_OK_ACKNOWLEDGE,
                    connection.createSession(Session.DUPS_OK_ACKNOWLEDGE).getAcknowledgeMode());
            assertThrows(JMSException.class, () -> connection.createSession(false, 99));
        }
    }

    @Test
    void commitAndRollbackNeedATransactedSessionAndRecoverOneThatIsNot() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThrows(IllegalStateException.class, plain::commit);
            assertThrows(IllegalStateException.class, plain::rollback);
            Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            assertThrows(IllegalStateException.class, transacted::recover);
        }
    }

    @Test
    void closingASessionClosesItsProducersAndConsumers() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            Queue queue = session.createQueue("closing-session");
            MessageProducer producer = session.createProducer(queue);
            MessageConsumer consumer = session.createConsumer(queue);
            session.close();
            session.close();
            assertThrows(IllegalStateException.class, () -> producer.send(session.createTextMessage("late")));
            assertThrows(IllegalStateException.class, () -> consumer.receive(10));
            assertThrows(IllegalStateException.class, session::createTextMessage);
        }
    }

    @Test
    void aProducerRefusesAnUnknownDeliveryModeOrPriorityAndAnAnonymousOneNeedsADestination() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue("modes"));
            assertEquals(DeliveryMode.PERSISTENT, producer.getDeliveryMode(), "persistent by default");
            assertEquals(4, producer.getPriority(), "priority 4 by default");
            assertThrows(JMSException.class, () -> producer.setDeliveryMode(3));
            assertThrows(JMSException.class, () -> producer.setPriority(10));
            assertThrows(JMSException.class, () -> producer.setPriority(-1));

            MessageProducer anonymous = session.createProducer(null);
            assertNull(anonymous.getDestination());
            assertThrows(InvalidDestinationException.class,
                    () -> anonymous.send(null, session.createTextMessage("nowhere")));
            assertThrows(UnsupportedOperationException.class,
                    () -> anonymous.send(session.createTextMessage("no destination at all")));
            producer.close();
            producer.close();
            assertThrows(IllegalStateException.class, producer::getDeliveryMode,
                    "a closed producer refuses use");
        }
    }

    @Test
    void unsubscribingANameWithoutADurableSubscriptionIsAnInvalidDestination() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("unsubscriber");
            Session session = connection.createSession();
            assertThrows(InvalidDestinationException.class, () -> session.unsubscribe("never-made"));
            MessageConsumer active = session.createDurableConsumer(session.createTopic("unsub"), "held");
            assertThrows(JMSException.class, () -> session.unsubscribe("held"),
                    "a durable subscription with an active consumer cannot be deleted");
            active.close();
            session.unsubscribe("held");
            assertThrows(InvalidDestinationException.class, () -> session.unsubscribe("held"), "it is gone");
        }
    }
}
