package io.partitionmq.jms;

import io.partitionmq.cluster.BrokerConnection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;

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
        boolean accepted;
        try {
            accepted = brokerOf(connection).authenticate(userName, password);
        } catch (RuntimeException e) {
            connection.close();
            throw JmsErrors.translate(e, "checking the credentials of " + userName);
        }
        if (!accepted) {
            connection.close();
            throw new JMSSecurityException("the brokers do not know user '" + userName
                    + "' with that password");
        }
        physical(connection).authenticatedAs(userName);
        return connection;
    }

    /** The PartitionMQ connection behind a connection this factory created. */
    protected PartitionMQConnection physical(Connection connection) throws JMSException {
        return (PartitionMQConnection) connection;
    }

    private BrokerConnection brokerOf(Connection connection) throws JMSException {
        return physical(connection).broker();
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
