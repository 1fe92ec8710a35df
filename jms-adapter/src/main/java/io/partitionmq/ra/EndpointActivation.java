package io.partitionmq.ra;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
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
 * One message-driven bean's subscription: a consumer on the bean's destination and a work item that hands each
 * message to a bean instance, one at a time, so the bean sees them in log order.
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

    void stop() {
        stopped = true;
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
        stopped = true;
    }

    @Override
    public void run() {
        worker = Thread.currentThread();
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
            worker = null;
        }
    }

    private void consume() throws JMSException, NamingException {
        Destination destination = spec.resolveDestination();
        try (Connection connection = adapter.physicalConnections().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(destination);
            connection.start();
            LOG.log(Level.INFO, "{0} consuming from {1}", spec, destination);
            while (!stopped) {
                Message message = consumer.receive(RECEIVE_WAIT_MILLIS);
                if (message != null) {
                    deliver(message);
                }
            }
        }
    }

    private void deliver(Message message) {
        MessageEndpoint endpoint = null;
        while (endpoint == null && !stopped) {
            try {
                endpoint = endpoints.createEndpoint(null);
            } catch (UnavailableException e) {
                LOG.log(Level.DEBUG, "no bean instance available yet for " + spec, e);
                pause();
            }
        }
        if (endpoint == null) {
            return;
        }
        try {
            ((MessageListener) endpoint).onMessage(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "message-driven bean of " + spec + " failed on " + idOf(message), e);
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
            stopped = true;
        }
    }
}
