package io.partitionmq.jms;

import io.partitionmq.access.Access;
import io.partitionmq.cluster.BrokerConnection.Authenticated;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import java.io.Serializable;
import java.time.Duration;

/**
 * The Java SE entry point: {@code new PartitionMQConnectionFactory("host1:5901,host2:5901")}. The addresses are
 * the brokers' client ports, a list to try in turn: the client talks to one broker at a time and moves to the
 * next when that one goes.
 * Without addresses, connections use the broker running in the same JVM. Its XA variants are for transaction
 * managers outside an application server (inside one, the resource adapter's factory takes part in transactions).
 */
public class PartitionMQConnectionFactory extends AbstractConnectionFactory implements Serializable,
        XAConnectionFactory, XAQueueConnectionFactory, XATopicConnectionFactory {
    private static final long serialVersionUID = 1L;

    private String addresses = "";
    private String clusterName = "partitionmq";
    private long connectTimeoutMillis = 10_000;
    private String user;
    private String password;
    private String clientID;

    public PartitionMQConnectionFactory() {
    }

    public PartitionMQConnectionFactory(String addresses) {
        this.addresses = addresses;
    }

    public String getAddresses() {
        return addresses;
    }

    /** Broker addresses, {@code host:port} separated by commas; empty for the broker in this JVM. */
    public void setAddresses(String addresses) {
        this.addresses = addresses;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public long getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(long connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public String getUser() {
        return user;
    }

    /** The user connections authenticate as when {@code createConnection} is given none. */
    public void setUser(String user) {
        this.user = user;
    }

    /** The password of {@link #setUser the default user}. */
    public void setPassword(String password) {
        this.password = password;
    }

    public String getClientID() {
        return clientID;
    }

    /**
     * The client id every connection of this factory gets when it is created (the administratively configured
     * identifier of the specification, 6.1.2); a connection cannot then set another. Null for none. As client ids
     * are unique in the cluster, such a factory has one open connection at a time.
     */
    public void setClientID(String clientID) {
        this.clientID = clientID;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return createConnection(user, password);
    }

    /**
     * A connection as the user, who must be one the brokers know if they have users configured. Applications in
     * the JVM of the broker they use (in its server) are trusted as the server's: they connect without a user
     * and may do everything.
     */
    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        BrokerAccess.Lease lease = BrokerAccess.acquire(addresses, clusterName,
                Duration.ofMillis(connectTimeoutMillis));
        Authenticated access;
        try {
            access = lease.inVm() && userName == null
                    ? new Authenticated(Access.unrestricted(null), lease.broker(), () -> { })
                    : authenticate(lease.broker(), userName, password);
        } catch (JMSException e) {
            lease.close();
            throw e;
        }
        PartitionMQConnection connection = new PartitionMQConnection(lease, access);
        if (clientID != null) {
            try {
                connection.useConfiguredClientId(clientID);
            } catch (JMSException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    @Override
    public XAConnection createXAConnection() throws JMSException {
        return (XAConnection) createConnection();
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return (XAConnection) createConnection(userName, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        return (XAQueueConnection) createConnection();
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return (XAQueueConnection) createConnection(userName, password);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        return (XATopicConnection) createConnection();
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return (XATopicConnection) createConnection(userName, password);
    }

    @Override
    public XAJMSContext createXAContext() {
        return PartitionMQXAContext.over(PartitionMQContext.unchecked(this::createXAConnection));
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        return PartitionMQXAContext.over(PartitionMQContext.unchecked(() -> createXAConnection(userName, password)));
    }
}
