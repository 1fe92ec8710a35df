package io.partitionmq.jms;

import io.partitionmq.access.Permission;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.TopicMetadata;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends messages, each appended to one partition of the destination's log. A message with a JMSXGroupID goes to
 * the partition its group hashes to; others go to the partition the session uses for the destination, so the
 * messages a session sends keep their order (specification, 6.2.9).
 */
public class PartitionMQProducer implements MessageProducer, QueueSender, TopicPublisher {
    private static final System.Logger LOG = System.getLogger(PartitionMQProducer.class.getName());
    private final PartitionMQSession session;
    private final PartitionMQDestination destination;
    private final String idPrefix = "ID:" + UUID.randomUUID() + ":";
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, TopicMetadata> topics = new HashMap<>();
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive;
    private long deliveryDelay;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private volatile boolean closed;

    PartitionMQProducer(PartitionMQSession session, PartitionMQDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    private void requireOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the producer is closed");
        }
        session.requireOpen();
    }

    // Sending.

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl) throws JMSException {
        requireOpen();
        send(requireOwnDestination(), message, mode, prio, ttl, null);
    }

    @Override
    public void send(Destination target, Message message) throws JMSException {
        send(target, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl) throws JMSException {
        requireOpen();
        send(requireNoOwnDestination(target), message, mode, prio, ttl, null);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        send(message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl, CompletionListener listener)
            throws JMSException {
        requireOpen();
        send(requireOwnDestination(), message, mode, prio, ttl, requireListener(listener));
    }

    @Override
    public void send(Destination target, Message message, CompletionListener listener) throws JMSException {
        send(target, message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl,
            CompletionListener listener) throws JMSException {
        requireOpen();
        send(requireNoOwnDestination(target), message, mode, prio, ttl, requireListener(listener));
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int mode, int prio, long ttl) throws JMSException {
        send((Destination) queue, message, mode, prio, ttl);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int mode, int prio, long ttl) throws JMSException {
        send(message, mode, prio, ttl);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int mode, int prio, long ttl) throws JMSException {
        send(topic, message, mode, prio, ttl);
    }

    private PartitionMQDestination requireOwnDestination() {
        if (destination == null) {
            throw new UnsupportedOperationException("this producer was created without a destination; name one"
                    + " in send()");
        }
        return destination;
    }

    private PartitionMQDestination requireNoOwnDestination(Destination target) throws JMSException {
        if (destination != null) {
            throw new UnsupportedOperationException("this producer sends to " + destination
                    + "; it cannot send to another destination");
        }
        return PartitionMQSession.requireDestination(target);
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("the completion listener must not be null");
        }
        return listener;
    }

    private void send(PartitionMQDestination target, Message message, int mode, int prio, long ttl,
            CompletionListener listener) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("the message must not be null");
        }
        requireDeliveryMode(mode);
        requirePriority(prio);
        session.require(Permission.SEND, target);
        PartitionMQMessage own = MessageCodec.adopt(message);
        long now = System.currentTimeMillis();
        String id = disableMessageId ? null : idPrefix + sequence.incrementAndGet();
        for (Message stamped : own == message ? List.of(message) : List.of(message, own)) {
            stamped.setJMSDestination(target);
            stamped.setJMSDeliveryMode(mode);
            stamped.setJMSPriority(prio);
            stamped.setJMSTimestamp(disableTimestamp ? 0 : now);
            stamped.setJMSExpiration(ttl > 0 ? now + ttl : 0);
            stamped.setJMSDeliveryTime(now + deliveryDelay);
            stamped.setJMSMessageID(id);
        }
        ProducerRecord record = MessageCodec.toRecord(own, session.connection().id(),
                session.connection().authenticatedUser());
        TopicMetadata topic = topicOf(target);
        int partition = partitionFor(topic, record.key());
        if (session.isTransacted()) {
            session.stage(topic, partition, record);
            if (listener != null) {
                session.completions().execute(() -> listener.onCompletion(message));
            }
            return;
        }
        if (listener == null && mode == DeliveryMode.PERSISTENT) {
            await(append(target, topic, partition, record), target);
            return;
        }
        // A non-persistent send, or one with a listener, returns at once; the window bounds how many are out.
        SendWindow window = session.connection().sendWindow();
        try {
            window.enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while waiting to send to " + target);
        }
        CompletableFuture<Long> appended;
        try {
            appended = append(target, topic, partition, record);
        } catch (JMSException | RuntimeException e) {
            window.leave();
            throw e;
        }
        window.leaveWhenDone(appended);
        if (listener == null) {
            appended.whenComplete((offset, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "a non-persistent message to " + target + " was lost", failure);
                }
            });
            return;
        }
        // One thread per session runs the callbacks, each after the one before: in the order of the sends.
        session.completions().execute(() -> {
            try {
                await(appended, target);
                listener.onCompletion(message);
            } catch (JMSException e) {
                listener.onException(message, e);
            }
        });
    }

    /** Hands the record to the connection's appender (batched per partition); refuses an oversize one now. */
    private CompletableFuture<Long> append(PartitionMQDestination target, TopicMetadata topic, int partition,
            ProducerRecord record) throws JMSException {
        try {
            return session.broker().appender().append(topic, partition, record);
        } catch (RuntimeException e) {
            throw JmsErrors.translate(e, "sending to " + target);
        }
    }

    private static void await(CompletableFuture<Long> appended, PartitionMQDestination target)
            throws JMSException {
        try {
            appended.join();
        } catch (CompletionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
            throw JmsErrors.translate(cause, "sending to " + target);
        }
    }

    private synchronized TopicMetadata topicOf(PartitionMQDestination target) throws JMSException {
        TopicMetadata known = topics.get(target.logTopic());
        if (known == null) {
            known = session.topicOf(target);
            topics.put(known.name(), known);
        }
        return known;
    }

    private synchronized int partitionFor(TopicMetadata topic, byte[] key) {
        if (key != null) {
            return Math.floorMod(Arrays.hashCode(key), topic.partitions());
        }
        return session.partitionFor(topic);
    }

    private static void requireDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("delivery mode " + mode + " is neither PERSISTENT nor NON_PERSISTENT");
        }
    }

    private static void requirePriority(int prio) throws JMSException {
        if (prio < 0 || prio > 9) {
            throw new JMSException("priority " + prio + " is outside 0..9");
        }
    }

    // Settings.

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        requireOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        requireOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        requireOpen();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        requireOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int deliveryMode) throws JMSException {
        requireOpen();
        requireDeliveryMode(deliveryMode);
        this.deliveryMode = deliveryMode;
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        requireOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int defaultPriority) throws JMSException {
        requireOpen();
        requirePriority(defaultPriority);
        this.priority = defaultPriority;
    }

    @Override
    public int getPriority() throws JMSException {
        requireOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long timeToLive) throws JMSException {
        requireOpen();
        this.timeToLive = timeToLive;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        requireOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long deliveryDelay) throws JMSException {
        requireOpen();
        if (deliveryDelay < 0) {
            throw new JMSException("a delivery delay cannot be negative, got " + deliveryDelay);
        }
        this.deliveryDelay = deliveryDelay;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        requireOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        requireOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        return (Queue) getDestination();
    }

    @Override
    public Topic getTopic() throws JMSException {
        return (Topic) getDestination();
    }

    @Override
    public void close() throws JMSException {
        PartitionMQSession.requireNotInCompletionListener(session, null, "close its own producer");
        closed = true;
        session.removed(this);
    }
}
