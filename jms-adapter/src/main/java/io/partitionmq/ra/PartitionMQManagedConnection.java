package io.partitionmq.ra;

import io.partitionmq.jms.PartitionMQConnection;
import io.partitionmq.jms.PartitionMQXAResource;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * A pooled physical connection. Applications get {@link ConnectionHandle}s on it; when a handle is closed the
 * server is told, cleans the connection up (closing the handle's sessions) and returns it to the pool.
 */
final class PartitionMQManagedConnection implements ManagedConnection {
    private final PartitionMQConnection physical;
    private final Set<ConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean destroyed;
    private PrintWriter logWriter;

    PartitionMQManagedConnection(PartitionMQConnection physical) throws JMSException {
        this.physical = physical;
        // A connection that lost the brokers is of no use to anyone: the server destroys it instead of pooling it.
        physical.setExceptionListener(this::failed);
    }

    private void failed(JMSException cause) {
        destroyed = true;
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        listeners.forEach(l -> l.connectionErrorOccurred(event));
    }

    Connection physical() {
        return physical;
    }

    boolean isUsable() {
        return !destroyed;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        ConnectionHandle handle = new ConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof ConnectionHandle handle)) {
            throw new ResourceException("not a PartitionMQ connection handle: " + connection);
        }
        handle.moveTo(this);
        handles.add(handle);
    }

    void detach(ConnectionHandle handle) {
        handles.remove(handle);
    }

    /** Called by a handle's close(): the server may return this connection to its pool. */
    void closed(ConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(l -> l.connectionClosed(event));
    }

    @Override
    public void cleanup() throws ResourceException {
        for (ConnectionHandle handle : handles) {
            handle.invalidate();
        }
        handles.clear();
        // A caller's createConnection(user, password) made this connection theirs; the next caller starts afresh.
        physical.resetAccess();
    }

    @Override
    public void destroy() throws ResourceException {
        destroyed = true;
        cleanup();
        try {
            physical.close();
        } catch (JMSException e) {
            throw new ResourceException("closing the physical connection failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    /** The physical connection's part in distributed transactions; sessions created in one belong to it. */
    PartitionMQXAResource xaResource() {
        return physical.xaResource();
    }

    @Override
    public XAResource getXAResource() {
        return xaResource();
    }

    @Override
    public LocalTransaction getLocalTransaction() {
        return new ResourceLocalTransaction(xaResource());
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "PartitionMQ";
            }

            @Override
            public String getEISProductVersion() {
                return "0.1.0";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return null;
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
