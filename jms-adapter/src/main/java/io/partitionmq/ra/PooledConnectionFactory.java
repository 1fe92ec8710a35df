package io.partitionmq.ra;

import io.partitionmq.jms.PartitionMQConnection;
import io.partitionmq.jms.AbstractConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/** The connection factory applications inject in a server: connections come from the server's pool. */
public class PooledConnectionFactory extends AbstractConnectionFactory implements Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final PartitionMQManagedConnectionFactory managedFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    PooledConnectionFactory(PartitionMQManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public Connection createConnection() throws JMSException {
        try {
            return (Connection) connectionManager.allocateConnection(managedFactory, null);
        } catch (ResourceException e) {
            JMSException failure = new JMSException("no PartitionMQ connection could be allocated: "
                    + e.getMessage());
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    protected PartitionMQConnection physical(Connection connection) throws JMSException {
        return super.physical(((ConnectionHandle) connection).physicalConnection());
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
