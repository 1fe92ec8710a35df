package io.partitionmq.ra;

import io.partitionmq.jms.PartitionMQConnection;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * Creates the physical JMS connections the server pools. Every physical connection is alike: each authenticates as
 * the adapter's {@code userName}, acts as a caller's user only while that caller holds it (its
 * {@code createConnection(user, password)}), and is reset when it goes back to the pool. So any pooled one matches
 * any request.
 */
@ConnectionDefinition(
        connectionFactory = ConnectionFactory.class,
        connectionFactoryImpl = PooledConnectionFactory.class,
        connection = Connection.class,
        connectionImpl = ConnectionHandle.class)
public class PartitionMQManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {
    private static final long serialVersionUID = 1L;

    private transient PartitionMQResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new PooledConnectionFactory(this, connectionManager);
    }

    /** Outside a server's pool: each connection is created on demand and destroyed when closed. */
    @Override
    public Object createConnectionFactory() {
        return new PooledConnectionFactory(this, new UnpooledConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        try {
            return new PartitionMQManagedConnection(
                    (PartitionMQConnection) resourceAdapter.physicalConnections().createConnection());
        } catch (jakarta.jms.JMSException e) {
            throw new ResourceException("cannot connect to PartitionMQ: " + e.getMessage(), e);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        for (Object connection : connections) {
            if (connection instanceof PartitionMQManagedConnection managed && managed.isUsable()) {
                return managed;
            }
        }
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = (PartitionMQResourceAdapter) resourceAdapter;
    }

    /** Factories are equal when they reach the same brokers, i.e. belong to equal adapters. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionMQManagedConnectionFactory other
                && java.util.Objects.equals(other.resourceAdapter, resourceAdapter);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(resourceAdapter);
    }
}
