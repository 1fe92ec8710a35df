package io.partitionmq.jms;

import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.cluster.BrokerConnection.Authenticated;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.util.Optional;

/**
 * What every PartitionMQ connection factory derives from {@link #createConnection()}: the queue and topic
 * variants and the simplified API's contexts. Credentials, where given, are checked by a broker against its
 * configured users ({@code partitionmq.users}); a broker without users accepts any. This authenticates callers of
 * the JMS API; it is no security boundary while the brokers' Hazelcast ports are reachable (README, "Trust
 * boundary").
 */
public abstract class AbstractConnectionFactory implements ConnectionFactory, QueueConnectionFactory,
        TopicConnectionFactory {

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        Connection connection = createConnection();
        try {
            physical(connection).authorize(authenticate(brokerOf(connection), userName, password));
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The user as the brokers accepted them (what they may do), or the reason they refuse the credentials. */
    static Authenticated authenticate(BrokerConnection broker, String userName, String password)
            throws JMSException {
        Optional<Authenticated> access;
        try {
            access = broker.authenticate(userName, password);
        } catch (RuntimeException e) {
            throw JmsErrors.translate(e, "checking the credentials of " + userName);
        }
        return access.orElseThrow(() -> new JMSSecurityException(userName == null
                ? "the brokers have users configured (partitionmq.users): connect with a user name and password"
                : "the brokers do not know user '" + userName + "' with that password"));
    }

    /** The PartitionMQ connection behind a connection this factory created. */
    protected PartitionMQConnection physical(Connection connection) throws JMSException {
        return (PartitionMQConnection) connection;
    }

    private BrokerConnection brokerOf(Connection connection) throws JMSException {
        return physical(connection).cluster();
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return (QueueConnection) createConnection();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return (QueueConnection) createConnection(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return (TopicConnection) createConnection();
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return (TopicConnection) createConnection(userName, password);
    }

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return new PartitionMQContext(PartitionMQContext.unchecked(() -> createConnection(userName, password)),
                sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return new PartitionMQContext(PartitionMQContext.unchecked(this::createConnection), sessionMode);
    }
}
