package io.partitionmq.jms;

import io.partitionmq.access.Access;
import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.cluster.BrokerConnection.Authenticated;
import jakarta.jms.XAConnection;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;
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
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A connection to the broker cluster: sessions, the client id, and whether delivery has started. */
public class PartitionMQConnection implements Connection, QueueConnection, TopicConnection, XAConnection,
        XAQueueConnection, XATopicConnection {
    private static final System.Logger LOG = System.getLogger(PartitionMQConnection.class.getName());
    private final BrokerAccess.Lease lease;
    private final String id = java.util.UUID.randomUUID().toString();
    /** Names the connection's lease; unlike the id, which its messages carry, no one else learns it. */
    private final String leaseSecret = java.util.UUID.randomUUID().toString();
    private final TemporaryDestinations temporaries = new TemporaryDestinations(this);
    private final ConnectionLeases leases;
    private PartitionMQXAResource xaResource;
    private final SendWindow sendWindow = new SendWindow();
    private final AutoCloseable lossWatch;
    private final List<PartitionMQSession> sessions = new CopyOnWriteArrayList<>();
    private final Object state = new Object();
    private String clientId;
    private boolean clientIdFixed;
    /** Whether {@link #clientId} came from the connection factory's configuration. */
    private boolean configuredClientId;
    private boolean started;
    private volatile boolean closed;
    private volatile ExceptionListener exceptionListener;
    /**
     * The user the brokers accepted for this connection, and the handle on the cluster that acts as them; the pool
     * puts back {@link #initial} on reuse.
     */
    private final Authenticated initial;
    private volatile Authenticated acting;

    PartitionMQConnection(BrokerAccess.Lease lease, Authenticated initial) throws JMSException {
        this.lease = lease;
        this.initial = initial;
        this.acting = initial;
        this.leases = new ConnectionLeases(initial.connection().leases(), id);
        try {
            // The id is a random UUID: no other connection holds this lease.
            leases.acquire(ownerLease());
        } catch (RuntimeException e) {
            leases.close();
            initial.close();
            lease.close();
            throw JmsErrors.translate(e, "opening a connection");
        }
        // Told on its own thread: the listener may well close this connection, which must not run on Hazelcast's.
        this.lossWatch = lease.broker().onConnectionLost(() -> {
            Thread telling = new Thread(() -> report(new JMSException("the connection to the PartitionMQ brokers"
                    + " was lost; sends and receives fail until it is back")), "partitionmq-connection-lost");
            telling.setDaemon(true);
            telling.start();
        });
    }

    /** This connection's part in distributed transactions (one per connection, made on first use). */
    public synchronized PartitionMQXAResource xaResource() {
        if (xaResource == null) {
            xaResource = new PartitionMQXAResource(this);
        }
        return xaResource;
    }

    /**
     * The cluster-wide lease this connection holds while it lives; what it owns (its temporary destinations)
     * goes when the lease does.
     */
    String ownerLease() {
        return "connection:" + leaseSecret;
    }

    /** This connection's identity on the messages it publishes (for noLocal). */
    String id() {
        return id;
    }

    /** The user a broker accepted for this connection's credentials; null when it was created without. */
    String authenticatedUser() {
        return acting.access().user();
    }

    /** What the brokers allow this connection's user. */
    Access access() {
        return acting.access();
    }

    /** From now on the connection acts as the user the brokers just authenticated (a pooled connection's caller). */
    void authorize(Authenticated user) {
        Authenticated previous = acting;
        acting = user;
        if (previous != initial) {
            previous.close();
        }
    }

    /** Back to the identity it was opened with, before the pool hands it to another caller. */
    public void resetAccess() {
        authorize(initial);
    }

    /** See {@link ConnectionLeases#keepRenewed}. */
    AutoCloseable keepRenewed(Runnable renewal) {
        return leases.keepRenewed(renewal);
    }

    /** Whether a consumer of this connection is open on the share group (a named subscription's). */
    boolean hasActiveConsumer(String group) {
        return sessions.stream().anyMatch(session -> session.hasConsumerOf(group));
    }

    SendWindow sendWindow() {
        return sendWindow;
    }

    TemporaryDestinations temporaries() {
        return temporaries;
    }

    boolean hasConsumerOn(PartitionMQDestination destination) {
        return sessions.stream().anyMatch(session -> session.hasConsumerOn(destination));
    }

    /** The cluster, acting as this connection's user. */
    BrokerConnection broker() {
        return acting.connection();
    }

    /** The cluster as this JVM reaches it, before any user is authenticated. */
    BrokerConnection cluster() {
        return lease.broker();
    }

    void requireOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    /** Any use of the connection fixes its client id (specification, 6.1.2). */
    private void fixClientId() {
        synchronized (state) {
            clientIdFixed = true;
        }
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        requireOpen();
        fixClientId();
        switch (sessionMode) {
            case Session.AUTO_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE,
                    Session.SESSION_TRANSACTED -> { }
            default -> throw new JMSException("unknown session mode " + sessionMode
                    + "; use AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE or SESSION_TRANSACTED");
        }
        PartitionMQSession session = new PartitionMQSession(this, sessionMode);
        sessions.add(session);
        return session;
    }

    /** A session whose work belongs to the distributed transaction {@link #xaResource()} is associated with. */
    @Override
    public XASession createXASession() throws JMSException {
        requireOpen();
        fixClientId();
        PartitionMQXASession session = new PartitionMQXASession(this);
        sessions.add(session);
        xaResource().enlist(session);
        return session;
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return (XAQueueSession) ((PartitionMQSession) createXASession()).asQueueSession();
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return (XATopicSession) ((PartitionMQSession) createXASession()).asTopicSession();
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return ((PartitionMQSession) createSession(transacted, acknowledgeMode)).asQueueSession();
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return ((PartitionMQSession) createSession(transacted, acknowledgeMode)).asTopicSession();
    }

    void removed(PartitionMQSession session) {
        sessions.remove(session);
    }

    @Override
    public String getClientID() throws JMSException {
        requireOpen();
        synchronized (state) {
            return clientId;
        }
    }

    @Override
    public void setClientID(String clientId) throws JMSException {
        requireOpen();
        synchronized (state) {
            if (clientIdFixed) {
                throw new IllegalStateException(this.clientId != null && configuredClientId
                        ? "the client id '" + this.clientId + "' was configured on the connection factory and"
                                + " cannot be changed"
                        : "the client id can only be set right after the connection is created, before it is used");
            }
            claimClientId(clientId);
        }
    }

    /**
     * Gives the connection the client id its factory was configured with (specification 6.1.2: the preferred
     * way); {@link #setClientID} then refuses another.
     */
    void useConfiguredClientId(String clientId) throws JMSException {
        synchronized (state) {
            claimClientId(clientId);
            configuredClientId = true;
        }
    }

    private void claimClientId(String clientId) throws JMSException {
        if (clientId == null || clientId.isEmpty()) {
            throw new jakarta.jms.InvalidClientIDException("a client id must not be null or empty");
        }
        if (!leases.acquire("client-id:" + clientId)) {
            throw new jakarta.jms.InvalidClientIDException("the client id '" + clientId
                    + "' is in use by another connection in the cluster");
        }
        this.clientId = clientId;
        clientIdFixed = true;
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        requireOpen();
        fixClientId();
        return new PartitionMQMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        requireOpen();
        fixClientId();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        requireOpen();
        fixClientId();
        this.exceptionListener = listener;
    }

    /** Reports a failure no caller would otherwise see (in asynchronous delivery) to the exception listener. */
    void report(JMSException failure) {
        ExceptionListener listener = exceptionListener;
        if (listener != null) {
            listener.onException(failure);
        }
    }

    boolean isStarted() {
        synchronized (state) {
            return started;
        }
    }

    @Override
    public void start() throws JMSException {
        requireOpen();
        fixClientId();
        synchronized (state) {
            started = true;
        }
        sessions.forEach(PartitionMQSession::wake);
    }

    @Override
    public void stop() throws JMSException {
        requireOpen();
        fixClientId();
        PartitionMQSession.requireNotInListener("stop the connection");
        synchronized (state) {
            started = false;
        }
        // stop() returns only when no listener is running (specification, 6.1.5).
        for (PartitionMQSession session : sessions) {
            session.awaitListenerIdle();
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        PartitionMQSession.requireNotInListener("close the connection");
        PartitionMQSession.requireNotInCompletionListener(null, this, "close its own connection");
        closed = true;
        synchronized (state) {
            started = false;
        }
        for (PartitionMQSession session : sessions) {
            session.close();
        }
        awaitSends();
        try {
            lossWatch.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "removing the connection-loss watch failed", e);
        }
        temporaries.deleteAll();
        leases.close();
        resetAccess();
        initial.close();
        lease.close();
    }

    /** Non-persistent sends still on their way get a bounded while to land before the connection goes. */
    private void awaitSends() {
        try {
            if (!sendWindow.awaitEmpty(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "closing the connection with sends still unconfirmed after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** ConnectionConsumer is for application servers, an optional facility; a closed connection says so first. */
    private JMSException unsupportedConnectionConsumer() throws IllegalStateException {
        requireOpen();
        return JmsErrors.unsupported("ConnectionConsumer (an optional facility)");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw unsupportedConnectionConsumer();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return createConnectionConsumer((Destination) queue, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return createConnectionConsumer((Destination) topic, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw unsupportedConnectionConsumer();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw unsupportedConnectionConsumer();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw unsupportedConnectionConsumer();
    }
}
