package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.jndi.PartitionMQInitialContextFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.util.Hashtable;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Messaging 3.1, section 5 (administered objects): a Java SE client looks its connection factories and
 * destinations up through JNDI, as portable JMS code does; section 6.1.2: a connection factory may carry the
 * client identifier, the preferred way to assign one.
 */
class JndiLookupTest {
    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private InitialContext context(String... entries) throws NamingException {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, PartitionMQInitialContextFactory.class.getName());
        environment.put(Context.PROVIDER_URL,
                BROKERS.factory().getAddresses() + "?clusterName=" + BROKERS.factory().getClusterName());
        for (int i = 0; i < entries.length; i += 2) {
            environment.put(entries[i], entries[i + 1]);
        }
        return new InitialContext(environment);
    }

    @Test
    void administeredObjectsAreLookedUpByTheNamesTheEnvironmentGivesThem() throws Exception {
        InitialContext naming = context(
                "connectionFactory.MyQueueConnectionFactory", "",
                "queue.jms/orders", "jndi-orders",
                "topic.MY_TOPIC", "jndi-prices");
        QueueConnectionFactory factory = (QueueConnectionFactory) naming.lookup("MyQueueConnectionFactory");
        Queue orders = (Queue) naming.lookup("jms/orders");
        assertEquals("jndi-orders", orders.getQueueName());
        assertEquals("jndi-prices", ((Topic) naming.lookup("MY_TOPIC")).getTopicName());
        assertInstanceOf(ConnectionFactory.class, naming.lookup("ConnectionFactory"), "bound by default");
        try (JMSContext jms = ((ConnectionFactory) factory).createContext()) {
            jms.createProducer().send(orders, "through JNDI");
            assertEquals("through JNDI", jms.createConsumer(orders).receiveBody(String.class, 10_000));
        }
        Queue dynamic = (Queue) naming.lookup("dynamicQueues/jndi-any");
        assertEquals("jndi-any", dynamic.getQueueName());
        assertEquals("jndi-any", ((Topic) naming.lookup("dynamicTopics/jndi-any")).getTopicName());
    }

    @Test
    void aFactoryConfiguredWithAClientIdGivesItToItsConnectionsWhichCannotChangeIt() throws Exception {
        InitialContext naming = context("connectionFactory.DURABLE_SUB_CONNECTION_FACTORY", "?clientID=cts");
        TopicConnectionFactory factory = (TopicConnectionFactory) naming.lookup("DURABLE_SUB_CONNECTION_FACTORY");
        try (TopicConnection connection = factory.createTopicConnection()) {
            assertEquals("cts", connection.getClientID());
            jakarta.jms.IllegalStateException refused = assertThrows(jakarta.jms.IllegalStateException.class,
                    () -> connection.setClientID("other"),
                    "a client id set administratively cannot be set again (6.1.2)");
            assertTrue(refused.getMessage().contains("configured on the connection factory"), refused.getMessage());
            try (JMSContext second = ((ConnectionFactory) factory).createContext()) {
                throw new AssertionError("a second connection took client id " + second.getClientID());
            } catch (InvalidClientIDRuntimeException expected) {
                assertTrue(expected.getMessage().contains("'cts' is in use"), expected.getMessage());
            }
        }
        try (JMSContext jms = ((ConnectionFactory) factory).createContext()) {
            assertEquals("cts", jms.getClientID(), "free again once the first connection closed");
            assertThrows(IllegalStateRuntimeException.class, () -> jms.setClientID("other"));
        }
    }

    @Test
    void unknownNamesAndBadSettingsAreNamingErrorsThatSayWhatIsWrong() throws Exception {
        InitialContext naming = context();
        NameNotFoundException missing = assertThrows(NameNotFoundException.class, () -> naming.lookup("MY_QUEUE"));
        assertTrue(missing.getMessage().contains("nothing is bound to 'MY_QUEUE'"), missing.getMessage());
        assertThrows(OperationNotSupportedException.class, () -> naming.bind("x", "y"));
        ConfigurationException unknown = assertThrows(ConfigurationException.class,
                () -> context("connectionFactory.cf", "127.0.0.1:5901?clientId=x"));
        assertTrue(unknown.getMessage().contains("unknown setting 'clientId'"), unknown.getMessage());
        assertThrows(ConfigurationException.class, () -> context("queue.empty", " "));
    }
}
