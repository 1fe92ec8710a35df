package io.partitionmq.ra;

import jakarta.jms.Connection;
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
import java.util.concurrent.TimeUnit;
import javax.naming.NamingException;

/**
 * One message-driven bean's subscription: a consumer on the bean's destination whose session hands each message
 * to a bean instance, one at a time, so the bean sees them in log order; a work item keeps it running.
 */
final class EndpointActivation implements Work {
    private static final System.Logger LOG = System.getLogger(EndpointActivation.class.getName());
    private static final long RECEIVE_WAIT_MILLIS = 1_000;
    private static final long RETRY_PAUSE_MILLIS = 2_000;

    private final PartitionMQResourceAdapter adapter;
    private final MessageEndpointFactory endpoints;
    private final PartitionMQActivationSpec spec;
    private volatile boolean stopped;
    private volatile Thread worker;

    EndpointActivation(PartitionMQResourceAdapter adapter, MessageEndpointFactory endpoints,
            PartitionMQActivationSpec spec) {
        this.adapter = adapter;
        this.endpoints = endpoints;
        this.spec = spec;
    }

    void start(WorkManager workManager) throws ResourceException {
        workManager.scheduleWork(this);
    }

    private synchronized void requestStop() {
        stopped = true;
        notifyAll();
    }

    void stop() {
        requestStop();
        Thread running = worker;
        if (running != null) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void release() {
        requestStop();
    }

    @Override
    public void run() {
        worker = Thread.currentThread();
        try {
            while (!stopped) {
                try {
                    consume();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (JMSException | NamingException | RuntimeException e) {
                    if (!stopped) {
                        LOG.log(Level.WARNING, spec + " failed; retrying in " + RETRY_PAUSE_MILLIS + " ms", e);
                        pause();
                    }
                }
            }
        } finally {
            worker = null;
        }
    }

    /**
     * Consumes through a message listener on the adapter's own session: the session hands the bean one message
     * at a time, acknowledges it when the bean returns, and redelivers it when the bean throws (for a queue:
     * released to the share group, dead-lettered after the delivery limit).
     */
    private void consume() throws JMSException, NamingException, InterruptedException {
        Destination destination = spec.resolveDestination();
        try (Connection connection = adapter.physicalConnections().createConnection()) {
            if (spec.getClientId() != null && !spec.getClientId().isBlank()) {
                connection.setClientID(spec.getClientId());
            }
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            consumerOf(session, destination).setMessageListener(this::deliver);
            connection.start();
            LOG.log(Level.INFO, "{0} consuming from {1}", spec, destination);
            synchronized (this) {
                while (!stopped) {
                    wait(RECEIVE_WAIT_MILLIS);
                }
            }
        }
    }

    /**
     * A durable topic subscription is the client id's own when the bean names one; otherwise it is a shared
     * durable subscription, so that the bean's instances on several servers share it.
     */
    private MessageConsumer consumerOf(Session session, Destination destination) throws JMSException {
        String selector = spec.getMessageSelector();
        if (destination instanceof Topic topic && spec.isDurable()) {
            return spec.getClientId() != null && !spec.getClientId().isBlank()
                    ? session.createDurableConsumer(topic, spec.getSubscriptionName(), selector, false)
                    : session.createSharedDurableConsumer(topic, spec.getSubscriptionName(), selector);
        }
        return session.createConsumer(destination, selector);
    }

    private void deliver(Message message) {
        MessageEndpoint endpoint = null;
        while (endpoint == null) {
            if (stopped) {
                throw new IllegalStateException("the activation stopped before " + idOf(message) + " was delivered");
            }
            try {
                endpoint = endpoints.createEndpoint(null);
            } catch (UnavailableException e) {
                LOG.log(Level.DEBUG, "no bean instance available yet for " + spec, e);
                pause();
            }
        }
        try {
            ((MessageListener) endpoint).onMessage(message);
        } finally {
            endpoint.release();
        }
    }

    private static String idOf(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "a message";
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requestStop();
        }
    }
}
