package io.partitionmq.harness;

import io.partitionmq.jms.PartitionMQConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A producer that knows only the broker cut off by a split, connected before the split: during the split it
 * tries a send every 250 ms and counts the refusals (once that broker has noticed it is alone, each must be
 * refused, saying why); after the heal it goes on until its sends are accepted again. Every send it saw accepted joins the history, so it must be consumed; a
 * refused one is not retried, its number is simply never acknowledged.
 */
final class MinorityProbe {
    private static final int FIRST_SEQUENCE = 1_000_000;
    private static final int ACCEPTED_AFTER_HEAL = 3;

    private final PartitionMQConnectionFactory factory;
    private final History history;
    private final Thread thread;
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger acceptedInSplit = new AtomicInteger();
    private final AtomicInteger acceptedAfterHeal = new AtomicInteger();
    private final CountDownLatch backToNormal = new CountDownLatch(ACCEPTED_AFTER_HEAL);
    private volatile boolean running = true;
    private volatile boolean healed;
    private volatile String firstRefusal;
    private volatile String firstFailure;
    private volatile long healedAt;
    private volatile long firstAcceptedAfterHealAt;
    // Opened by connect() before the thread starts, then used by it alone.
    private Connection connection;
    private Session session;
    private MessageProducer producer;

    MinorityProbe(PartitionMQConnectionFactory factory, History history) {
        this.factory = factory;
        this.history = history;
        this.thread = new Thread(this::probe, "harness-minority-probe");
        thread.setDaemon(true);
    }

    /**
     * Connects through the broker before it is cut off and sends once, so that the first sends of the split go
     * out at once, before that broker notices it: the moment in which a write could be acknowledged by the
     * cut-off side alone.
     */
    void connectBeforeTheSplit() throws JMSException {
        connect();
        send(FIRST_SEQUENCE - 1);
    }

    private void connect() throws JMSException {
        connection = factory.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(session.createQueue("harness"));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
    }

    private void send(int sequence) throws JMSException {
        TextMessage message = session.createTextMessage("minority " + sequence);
        message.setIntProperty("seq", sequence);
        message.setStringProperty("JMSXGroupID", "minority");
        producer.send(message);
        history.acknowledged(sequence);
    }

    /** Starts sending, once the split has begun. */
    void start() {
        thread.start();
    }

    /** From now on, an accepted send counts as after the heal. */
    void healed() {
        healedAt = System.nanoTime();
        healed = true;
    }

    /** Waits until a few sends were accepted after the heal (or the timeout), then stops probing. */
    void awaitAcceptedAfterHeal(Duration timeout) throws InterruptedException {
        if (!backToNormal.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            System.out.printf("the broker cut off accepted no send within %d s of the heal%n", timeout.toSeconds());
        }
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    /** Prints what the probe saw; true if the minority refused writes and accepted them again after the heal. */
    boolean report() {
        System.out.printf("minority side (a client that knows only the broker cut off):%n");
        System.out.printf("  refused during the split for want of members: %d (first: %s)%n", refused.get(),
                firstRefusal);
        System.out.printf("  failed otherwise during the split: %d (first: %s)%n", failed.get(), firstFailure);
        System.out.printf("  accepted during the split: %d (before the broker noticed, through the majority's"
                + " brokers)%n", acceptedInSplit.get());
        System.out.printf("  accepted after the heal:  %d, the first %d ms after it%n", acceptedAfterHeal.get(),
                firstAcceptedAfterHealAt == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(firstAcceptedAfterHealAt
                        - healedAt));
        boolean passed = refused.get() > 0 && acceptedAfterHeal.get() > 0;
        if (!passed) {
            System.out.println("  FAILED: the minority must refuse writes during the split and accept them after");
        }
        return passed;
    }

    private void probe() {
        int sequence = FIRST_SEQUENCE;
        while (running) {
            try {
                if (connection == null) {
                    connect();
                }
                send(sequence);
                if (healed) {
                    if (acceptedAfterHeal.incrementAndGet() == 1) {
                        firstAcceptedAfterHealAt = System.nanoTime();
                    }
                    backToNormal.countDown();
                } else {
                    acceptedInSplit.incrementAndGet();
                }
            } catch (JMSException e) {
                // Before the broker has noticed the split, a write fails because its backups do not confirm it;
                // after, it is refused as below partitionmq.cluster.min-size.
                if (!healed && e.getMessage().contains("partitionmq.cluster.min-size")) {
                    if (refused.incrementAndGet() == 1) {
                        firstRefusal = e.getMessage();
                    }
                } else if (!healed && failed.incrementAndGet() == 1) {
                    firstFailure = e.getMessage();
                }
                close(connection);
                connection = null;
            }
            sequence++;
            try {
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
        close(connection);
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                // The connection was already broken.
            }
        }
    }
}
