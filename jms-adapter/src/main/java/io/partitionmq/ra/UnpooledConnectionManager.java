package io.partitionmq.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.lang.System.Logger.Level;

/** The connection manager for use without an application server: no pool, a managed connection per handle. */
final class UnpooledConnectionManager implements ConnectionManager {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(UnpooledConnectionManager.class.getName());

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
            throws ResourceException {
        ManagedConnection managed = factory.createManagedConnection(null, info);
        managed.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                destroy(managed);
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
                destroy(managed);
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {
            }

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {
            }

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {
            }
        });
        return managed.getConnection(null, info);
    }

    private static void destroy(ManagedConnection managed) {
        try {
            managed.destroy();
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "closing an unpooled PartitionMQ connection failed", e);
        }
    }
}
