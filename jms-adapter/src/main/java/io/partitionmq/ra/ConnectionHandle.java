package io.partitionmq.ra;

import io.partitionmq.jms.PartitionMQSession;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The connection an application holds inside the server: a handle on a pooled physical connection. It refuses
 * what the specification forbids in Jakarta EE web and EJB containers (section 12.2), and its close() closes the
 * sessions it created and gives the physical connection back to the pool.
 */
public final class ConnectionHandle implements Connection, QueueConnection, TopicConnection {
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private volatile PartitionMQManagedConnection managed;
    private volatile boolean closed;

    ConnectionHandle(PartitionMQManagedConnection managed) {
        this.managed = managed;
    }

    void moveTo(PartitionMQManagedConnection target) {
        PartitionMQManagedConnection previous = managed;
        if (previous != null && previous != target) {
            previous.detach(this);
        }
        this.managed = target;
    }

    /** The pooled physical connection this handle is on now. */
    Connection physicalConnection() throws IllegalStateException {
        return physical();
    }

    private Connection physical() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
        return managed.physical();
    }

    /** Closes this handle's sessions; the handle stays usable on whichever connection it is associated with. */
    void invalidate() {
        for (Session session : sessions) {
            try {
                session.close();
            } catch (JMSException ignored) {
                // Closing a session of a connection being cleaned up: nothing to report to the application.
            }
        }
        sessions.clear();
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return track(inTransaction() ? transactional() : physical().createSession(transacted, acknowledgeMode));
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return track(inTransaction() ? transactional() : physical().createSession(sessionMode));
    }

    @Override
    public Session createSession() throws JMSException {
        return track(inTransaction() ? transactional() : physical().createSession());
    }

    /**
     * Inside a transaction the arguments are ignored (specification, 12.3): the session is part of the
     * transaction, which the transaction manager commits or rolls back.
     */
    private boolean inTransaction() throws IllegalStateException {
        physical();
        return managed.xaResource().isAssociated();
    }

    private Session transactional() throws JMSException {
        Session session = physical().createSession(true, Session.SESSION_TRANSACTED);
        managed.xaResource().enlist(session);
        return session;
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return ((PartitionMQSession) createSession(transacted, acknowledgeMode)).asQueueSession();
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return ((PartitionMQSession) createSession(transacted, acknowledgeMode)).asTopicSession();
    }

    private Session track(Session session) {
        sessions.add(session);
        return session;
    }

    @Override
    public String getClientID() throws JMSException {
        return physical().getClientID();
    }

    @Override
    public void setClientID(String clientID) throws JMSException {
        throw forbidden("setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        return physical().getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        throw forbidden("getExceptionListener");
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        throw forbidden("setExceptionListener");
    }

    @Override
    public void start() throws JMSException {
        physical().start();
    }

    @Override
    public void stop() throws JMSException {
        throw forbidden("stop");
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        invalidate();
        managed.closed(this);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw forbidden("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw forbidden("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw forbidden("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw forbidden("createSharedConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw forbidden("createDurableConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw forbidden("createSharedDurableConnectionConsumer");
    }

    private static IllegalStateException forbidden(String method) {
        return new IllegalStateException(method + " must not be called in a Jakarta EE web or EJB container"
                + " (Jakarta Messaging, section 12.2)");
    }
}
