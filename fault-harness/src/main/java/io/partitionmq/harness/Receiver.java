package io.partitionmq.harness;

import io.partitionmq.jms.PartitionMQConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One of the workload's consumers (AUTO_ACKNOWLEDGE) on its own thread, reconnecting when its connection fails,
 * recording each delivery in its stream's history and the longest pause between deliveries after
 * {@link #measureFrom} a moment (a kill).
 */
final class Receiver {
    /** Opens the consumer on a new session: of the queue, or of the topic's subscription. */
    @FunctionalInterface
    interface Opener {
        MessageConsumer open(Session session) throws JMSException;
    }

    private final PartitionMQConnectionFactory factory;
    private final String label;
    private final Opener opener;
    private final History history;
    private final AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastDelivery = new AtomicLong(System.nanoTime());
    private final AtomicLong longestPause = new AtomicLong();
    private volatile boolean receiving = true;
    private final Thread thread;

    Receiver(PartitionMQConnectionFactory factory, String label, Opener opener, History history) {
        this.factory = factory;
        this.label = label;
        this.opener = opener;
        this.history = history;
        this.thread = new Thread(this::receive, "harness-consumer-" + label);
        thread.setDaemon(true);
    }

    Receiver start() {
        thread.start();
        return this;
    }

    void measureFrom(long nanos) {
        measuredFrom.set(nanos);
        lastDelivery.set(nanos);
    }

    /** The longest time without a delivery since {@link #measureFrom}, in milliseconds. */
    long longestPauseMillis() {
        return longestPause.get() / 1_000_000;
    }

    /**
     * Stops receiving; waits up to 10 s for the thread (a receive cut off by dead brokers may take longer: the
     * daemon thread then ends on its own, recording what it still gets).
     */
    void stop() throws InterruptedException {
        receiving = false;
        thread.join(10_000);
    }

    private void receive() {
        while (receiving) {
            try (Connection connection = factory.createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = opener.open(session);
                while (receiving) {
                    Message message = consumer.receive(500);
                    if (message != null) {
                        long now = System.nanoTime();
                        if (now > measuredFrom.get()) {
                            longestPause.accumulateAndGet(now - lastDelivery.get(), Math::max);
                        }
                        lastDelivery.set(now);
                        history.delivered(new History.Delivery(message.getIntProperty("seq"),
                                message.getStringProperty("JMSXGroupID"), message.getJMSRedelivered(),
                                message.getIntProperty("JMS_PartitionMQ_Partition"),
                                message.getLongProperty("JMS_PartitionMQ_Offset"), now));
                    }
                }
            } catch (JMSException e) {
                System.out.println("consumer of " + label + ": " + e.getMessage() + "; reconnecting");
            }
        }
    }
}
