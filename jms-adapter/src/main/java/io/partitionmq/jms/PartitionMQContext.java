package io.partitionmq.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simplified API: a connection and one session in a single object, with unchecked exceptions. Contexts made
 * from a context share its connection, which closes with the last of them.
 */
public class PartitionMQContext implements JMSContext {
    private final Connection connection;
    private final AtomicInteger connectionUsers;
    /** Made on first use, so that the context's client id can still be set (specification, 6.1.2). */
    private Session session;
    private final int sessionMode;
    private boolean autoStart = true;
    private volatile boolean closed;

    /** A context over a connection it then owns: closing the last context over it closes the connection. */
    public PartitionMQContext(Connection connection, int sessionMode) {
        this(connection, new AtomicInteger(1), sessionMode);
    }

    private PartitionMQContext(Connection connection, AtomicInteger connectionUsers, int sessionMode) {
        this(connection, connectionUsers, requireKnown(sessionMode), null);
    }

    private static int requireKnown(int sessionMode) {
        if (sessionMode != AUTO_ACKNOWLEDGE && sessionMode != CLIENT_ACKNOWLEDGE && sessionMode != DUPS_OK_ACKNOWLEDGE
                && sessionMode != SESSION_TRANSACTED) {
            throw new JMSRuntimeException("unknown session mode " + sessionMode + "; use AUTO_ACKNOWLEDGE,"
                    + " CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE or SESSION_TRANSACTED");
        }
        return sessionMode;
    }

    /** The context's session, made on first use. */
    private synchronized Session session() {
        if (session == null) {
            session = unchecked(() -> connection.createSession(sessionMode));
        }
        return session;
    }

    /** A context over a connection it owns, using a session made for it (an XA session: see the subclass). */
    PartitionMQContext(Connection connection, Session session) {
        this(connection, new AtomicInteger(1), SESSION_TRANSACTED, session);
    }

    private PartitionMQContext(Connection connection, AtomicInteger connectionUsers, int sessionMode,
            Session session) {
        this.connection = connection;
        this.connectionUsers = connectionUsers;
        this.sessionMode = sessionMode;
        this.session = session;
    }

    @FunctionalInterface
    interface JmsCall<T> {
        T call() throws JMSException;
    }

    /** Runs a classic-API call, rethrowing its checked exception as the simplified API's unchecked one. */
    static <T> T unchecked(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw JmsRuntime.of(e);
        }
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    @Override
    public JMSContext createContext(int mode) {
        requireOpen();
        connectionUsers.incrementAndGet();
        return new PartitionMQContext(connection, connectionUsers, mode);
    }

    @Override
    public JMSProducer createProducer() {
        requireOpen();
        return new PartitionMQJMSProducer(this, unchecked(() -> session().createProducer(null)));
    }

    @Override
    public String getClientID() {
        return unchecked(connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        unchecked(() -> {
            connection.setClientID(clientID);
            return null;
        });
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return unchecked(connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        return unchecked(connection::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        unchecked(() -> {
            connection.setExceptionListener(listener);
            return null;
        });
    }

    @Override
    public void start() {
        unchecked(() -> {
            connection.start();
            return null;
        });
    }

    @Override
    public void stop() {
        unchecked(() -> {
            connection.stop();
            return null;
        });
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        requireOpen();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        requireOpen();
        return autoStart;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        Session made;
        synchronized (this) {
            made = session;
        }
        unchecked(() -> {
            if (made != null) {
                made.close();
            }
            if (connectionUsers.decrementAndGet() == 0) {
                connection.close();
            }
            return null;
        });
        closed = true;
    }

    @Override
    public BytesMessage createBytesMessage() {
        return unchecked(session()::createBytesMessage);
    }

    @Override
    public MapMessage createMapMessage() {
        return unchecked(session()::createMapMessage);
    }

    @Override
    public Message createMessage() {
        return unchecked(session()::createMessage);
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return unchecked(session()::createObjectMessage);
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return unchecked(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return unchecked(session()::createStreamMessage);
    }

    @Override
    public TextMessage createTextMessage() {
        return unchecked(session()::createTextMessage);
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return unchecked(() -> session().createTextMessage(text));
    }

    @Override
    public boolean getTransacted() {
        return unchecked(session()::getTransacted);
    }

    @Override
    public int getSessionMode() {
        requireOpen();
        return sessionMode;
    }

    @Override
    public void commit() {
        unchecked(() -> {
            session().commit();
            return null;
        });
    }

    @Override
    public void rollback() {
        unchecked(() -> {
            session().rollback();
            return null;
        });
    }

    @Override
    public void recover() {
        unchecked(() -> {
            session().recover();
            return null;
        });
    }

    private JMSConsumer consumer(JmsCall<jakarta.jms.MessageConsumer> create) {
        requireOpen();
        JMSConsumer consumer = new PartitionMQJMSConsumer(unchecked(create));
        if (autoStart) {
            start();
        }
        return consumer;
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(() -> session().createConsumer(destination, messageSelector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name, String messageSelector) {
        return consumer(() -> session().createSharedConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return unchecked(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return unchecked(() -> session().createBrowser(queue, messageSelector));
    }

    @Override
    public Queue createQueue(String queueName) {
        return unchecked(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return unchecked(() -> session().createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return unchecked(session()::createTemporaryQueue);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return unchecked(session()::createTemporaryTopic);
    }

    @Override
    public void unsubscribe(String name) {
        unchecked(() -> {
            session().unsubscribe(name);
            return null;
        });
    }

    @Override
    public void acknowledge() {
        requireOpen();
        unchecked(() -> {
            ((PartitionMQSession) session()).acknowledge();
            return null;
        });
    }
}
