package io.partitionmq.ra;

import io.partitionmq.jms.PartitionMQConnection;
import io.partitionmq.jms.PartitionMQSession;
import io.partitionmq.jms.PartitionMQXAResource;
import io.partitionmq.log.ShareGroups;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkManager;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.naming.NamingException;
import javax.transaction.xa.XAResource;

/**
 * One message-driven bean's activation: {@code concurrency} workers, each receiving on its own transacted
 * session and handing each message to a bean instance. When the container delivers in a transaction, the
 * session's XAResource is enlisted in it, so the receive commits or rolls back with the bean's work (a rolled
 * back message comes again, flagged redelivered, and goes to the dead-letter queue after the delivery limit).
 * Otherwise the adapter acknowledges a message the bean returned from and delivers again one it threw on.
 */
final class EndpointActivation {
    private static final System.Logger LOG = System.getLogger(EndpointActivation.class.getName());
    private static final long RECEIVE_WAIT_MILLIS = 1_000;
    private static final long RETRY_PAUSE_MILLIS = 2_000;
    private static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PartitionMQResourceAdapter adapter;
    private final MessageEndpointFactory endpoints;
    private final PartitionMQActivationSpec spec;
    /** A non-durable topic activation's subscription: shared by its workers, gone with the activation. */
    private final String nonDurableSubscription = "partitionmq-mdb-" + UUID.randomUUID();
    private final List<Worker> workers = new ArrayList<>();
    private volatile boolean stopped;

    EndpointActivation(PartitionMQResourceAdapter adapter, MessageEndpointFactory endpoints,
            PartitionMQActivationSpec spec) {
        this.adapter = adapter;
        this.endpoints = endpoints;
        this.spec = spec;
    }

    void start(WorkManager workManager) throws ResourceException {
        for (int i = 0; i < spec.getConcurrency(); i++) {
            Worker worker = new Worker();
            workers.add(worker);
            workManager.scheduleWork(worker);
        }
    }

    private synchronized void requestStop() {
        stopped = true;
        notifyAll();
    }

    /** Stops the workers and waits (a bounded while) until each has closed its connection. */
    void stop() {
        requestStop();
        for (Worker worker : workers) {
            worker.awaitStopped();
        }
    }

    /** One receiving session, one message at a time. */
    private final class Worker implements Work {
        private volatile Thread thread;

        @Override
        public void release() {
            requestStop();
        }

        void awaitStopped() {
            Thread running = thread;
            if (running != null) {
                try {
                    running.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                while (!stopped) {
                    try {
                        consume();
                    } catch (JMSException | NamingException | RuntimeException e) {
                        if (!stopped) {
                            LOG.log(Level.WARNING, spec + " failed; retrying in " + RETRY_PAUSE_MILLIS + " ms", e);
                            pause();
                        }
                    }
                }
            } finally {
                thread = null;
            }
        }
    }

    private void consume() throws JMSException, NamingException {
        Destination destination = spec.resolveDestination();
        boolean transacted;
        try {
            transacted = endpoints.isDeliveryTransacted(ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the bean has no onMessage(Message)", e);
        }
        try (PartitionMQConnection connection =
                (PartitionMQConnection) adapter.physicalConnections().createConnection()) {
            if (spec.getClientId() != null && !spec.getClientId().isBlank()) {
                connection.setClientID(spec.getClientId());
            }
            PartitionMQSession session = (PartitionMQSession) connection.createSession(true,
                    Session.SESSION_TRANSACTED);
            PartitionMQXAResource xa = transacted ? connection.xaResource() : null;
            if (xa != null) {
                xa.enlist(session);
            }
            MessageConsumer consumer = consumerOf(session, destination);
            connection.start();
            LOG.log(Level.INFO, "{0} consuming from {1}{2}", spec, destination,
                    transacted ? " in the container's transactions" : "");
            while (!stopped) {
                Message message = consumer.receive(RECEIVE_WAIT_MILLIS);
                if (message != null) {
                    deliver(message, session, xa);
                }
            }
        }
    }

    /**
     * The consumer the activation's workers share the destination through. A durable subscription is the client
     * id's own when the bean names one; otherwise it (and a non-durable one) is a shared subscription, so that
     * the workers, and the bean's instances on several servers, share it.
     */
    private MessageConsumer consumerOf(PartitionMQSession session, Destination destination) throws JMSException {
        ShareGroups.Settings settings = new ShareGroups.Settings(ShareGroups.Settings.DEFAULTS.lock(),
                spec.getMaxDeliveries(), spec.isOrderedPerPartition());
        if (!(destination instanceof Topic)) {
            return session.createAdapterConsumer(destination, null, true, false, spec.getMessageSelector(),
                    settings);
        }
        boolean ownedByClient = spec.isDurable() && spec.getClientId() != null && !spec.getClientId().isBlank();
        return session.createAdapterConsumer(destination,
                spec.isDurable() ? spec.getSubscriptionName() : nonDurableSubscription, !ownedByClient,
                spec.isDurable(), spec.getMessageSelector(), settings);
    }

    private void deliver(Message message, Session session, PartitionMQXAResource xa) throws JMSException {
        MessageEndpoint endpoint = endpoint(xa);
        if (endpoint == null) {
            session.rollback();
            return;
        }
        boolean processed = false;
        try {
            ((MessageListener) endpoint).onMessage(message);
            processed = true;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "the bean failed on " + idOf(message) + "; it is delivered again", e);
        } finally {
            endpoint.release();
        }
        // What no transaction took (the container ran none): acknowledged if the bean returned, else again.
        if (xa != null) {
            xa.completeUnclaimed(processed);
        } else if (processed) {
            session.commit();
        } else {
            session.rollback();
        }
    }

    /** A bean instance to deliver to, waiting while none is available; null if the activation stopped. */
    private MessageEndpoint endpoint(XAResource xa) {
        while (!stopped) {
            try {
                return endpoints.createEndpoint(xa);
            } catch (UnavailableException e) {
                LOG.log(Level.DEBUG, "no bean instance available yet for " + spec, e);
                pause();
            }
        }
        return null;
    }

    private static String idOf(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "a message";
        }
    }

    private void pause() {
        synchronized (this) {
            try {
                if (!stopped) {
                    wait(RETRY_PAUSE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                requestStop();
            }
        }
    }
}
