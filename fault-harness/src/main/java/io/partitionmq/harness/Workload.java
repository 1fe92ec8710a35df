package io.partitionmq.harness;

import io.partitionmq.jms.PartitionMQConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the harness sends and receives: every numbered message goes to a queue, with one consumer, and to a topic
 * with a shared durable subscription, with one consumer; each has its own history, checked on its own: every
 * acknowledged message consumed once per queue and once per subscription.
 */
final class Workload {
    static final String QUEUE = "harness";
    static final String TOPIC = "harness-events";
    static final String SUBSCRIPTION = "harness-audit";

    /** One destination: where the messages go, how its consumer is opened, and what it saw. */
    record Stream(String label, Destination destination, Receiver.Opener opener, History history) {
    }

    private final PartitionMQConnectionFactory factory;
    private final List<Stream> streams;
    private final List<Receiver> receivers = new ArrayList<>();

    private Workload(PartitionMQConnectionFactory factory, List<Stream> streams) {
        this.factory = factory;
        this.streams = streams;
    }

    /**
     * The queue and the topic's subscription; the subscription is made now, so that it holds every message sent
     * from here on even before its consumer runs.
     */
    static Workload create(PartitionMQConnectionFactory factory) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(QUEUE);
            Topic topic = session.createTopic(TOPIC);
            session.createSharedDurableConsumer(topic, SUBSCRIPTION).close();
            return new Workload(factory, List.of(
                    new Stream("queue " + QUEUE, queue, s -> s.createConsumer(queue), new History()),
                    new Stream("subscription " + SUBSCRIPTION + " of topic " + TOPIC, topic,
                            s -> s.createSharedDurableConsumer(topic, SUBSCRIPTION), new History())));
        }
    }

    List<Stream> streams() {
        return streams;
    }

    /** The queue's history, which the minority probe's sends join. */
    History queueHistory() {
        return streams.get(0).history();
    }

    /** Starts a consumer per stream (after earlier ones were stopped, new ones). */
    void startReceivers() {
        receivers.clear();
        for (Stream stream : streams) {
            receivers.add(new Receiver(factory, stream.label(), stream.opener(), stream.history()).start());
        }
    }

    /** Pauses between deliveries count from this moment (the fault). */
    void measureFrom(long nanos) {
        receivers.forEach(receiver -> receiver.measureFrom(nanos));
    }

    void stopReceivers() throws InterruptedException {
        for (Receiver receiver : receivers) {
            receiver.stop();
        }
    }

    /** The longest time any consumer went without a delivery since {@link #measureFrom}, in milliseconds. */
    long longestPauseMillis() {
        return receivers.stream().mapToLong(Receiver::longestPauseMillis).max().orElse(0);
    }

    /** Waits (a bounded while) until every stream delivered all it acknowledged, then a little for duplicates. */
    void awaitAllDelivered(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!streams.stream().allMatch(stream -> stream.history().allDelivered())
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        TimeUnit.SECONDS.sleep(2); // late duplicates, if any, are counted too
    }
}
