package io.partitionmq.jms;

import io.partitionmq.transaction.ShareAccept;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

/** Receives from a queue (competing with other consumers) or subscribes to a topic, synchronously or by listener. */
public class PartitionMQConsumer implements MessageConsumer, QueueReceiver, TopicSubscriber {
    private static final System.Logger LOG = System.getLogger(PartitionMQConsumer.class.getName());

    private final PartitionMQSession session;
    private final PartitionMQDestination destination;
    private final String messageSelector;
    private final boolean noLocal;
    private final String group;
    private final RecordSource records;
    private final Runnable onClose;
    private volatile MessageListener listener;
    private volatile boolean closed;

    /** @param group the share group consumed (a queue's or a named subscription's), or null for a cursor */
    PartitionMQConsumer(PartitionMQSession session, PartitionMQDestination destination, String messageSelector,
            boolean noLocal, String group, RecordSource records, Runnable onClose) {
        this.session = session;
        this.destination = destination;
        this.messageSelector = messageSelector;
        this.noLocal = noLocal;
        this.group = group;
        this.records = records;
        this.onClose = onClose;
    }

    private void requireOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the consumer is closed");
        }
        session.requireOpen();
    }

    boolean isOn(PartitionMQDestination target) {
        return !closed && destination.equals(target);
    }

    String group() {
        return closed ? null : group;
    }

    MessageListener listener() {
        return closed ? null : listener;
    }

    void refresh() {
        records.refresh();
    }

    /** A message receiveBody refused, handed out again by the next receive (AUTO and DUPS_OK only). */
    private Received heldBack;

    /** A message handed to the application, and what to acknowledge for it. */
    record Received(PartitionMQMessage message, RecordSource.Delivery delivery) {
    }

    /**
     * The next deliverable message, or null; expired messages are dropped, never delivered (spec 3.4.9).
     *
     * @param waitMillis how long the caller waits for one if there is none now: 0 or less for not at all
     */
    Received next(long waitMillis) throws JMSException {
        if (heldBack != null) {
            Received again = heldBack;
            heldBack = null;
            return again;
        }
        try {
            while (true) {
                RecordSource.Delivery delivery = records.next(waitMillis);
                if (delivery == null) {
                    return null;
                }
                if (noLocal && session.connection().id().equals(
                        delivery.record().headers().get(MessageCodec.PUBLISHER))) {
                    records.accept(delivery);
                    continue;
                }
                PartitionMQMessage message = MessageCodec.delivered(delivery.record(), destination,
                        delivery.partition(), delivery.deliveryCount());
                long expiration = message.getJMSExpiration();
                if (expiration == 0 || expiration > System.currentTimeMillis()) {
                    message.markReceived(session::acknowledge);
                    return new Received(message, delivery);
                }
                records.accept(delivery);
            }
        } catch (RuntimeException e) {
            throw JmsErrors.translate(e, "receiving from " + destination);
        }
    }

    /** The application has the message (receive returned, or the listener returned): it is acknowledged. */
    void processed(Received received) throws JMSException {
        try {
            records.accept(received.delivery());
        } catch (RuntimeException e) {
            throw JmsErrors.translate(e, "acknowledging " + received.message().getJMSMessageID());
        }
    }

    /** What acknowledging the message is inside a transaction the brokers apply; null if it is this consumer's. */
    ShareAccept acceptanceOf(Received received) {
        return records.acceptanceOf(received.delivery());
    }

    /** Waits until the acknowledgements of the messages processed so far have taken effect. */
    void awaitAcknowledged() throws JMSException {
        try {
            records.awaitAccepted();
        } catch (RuntimeException e) {
            throw JmsErrors.translate(e, "acknowledging the messages of " + destination);
        }
    }

    /** Recover or rollback: what was fetched ahead goes back too, so redelivery starts from the oldest. */
    void returnUndelivered() {
        heldBack = null;
        records.returnUndelivered();
    }

    /** The listener threw: the message is delivered again (specification, 8.7). */
    void failed(Received received) {
        records.release(received.delivery());
    }

    private Message receive0(long waitMillis) throws JMSException {
        Received received = await(waitMillis);
        if (received == null) {
            return null;
        }
        session.delivered(this, received);
        return received.message();
    }

    /**
     * The simplified API's receiveBody: the next message's body as {@code type}. A message whose body cannot be
     * returned as that type (a bare Message or a StreamMessage never can) is refused with
     * MessageFormatRuntimeException; with AUTO and DUPS_OK the next receive then hands it out again, as if this
     * call had not happened (no redelivery: the header and the delivery count stay as they were), otherwise it
     * counts as delivered, as the specification's JMSConsumer.receiveBody says.
     */
    <T> T receiveBody(Class<T> type, long waitMillis) throws JMSException {
        Received received = await(waitMillis);
        if (received == null) {
            return null;
        }
        PartitionMQMessage message = received.message();
        boolean hasBody = message.bodyType() != MessageBodyType.NONE && message.bodyType() != MessageBodyType.STREAM;
        if (!hasBody || !message.isBodyAssignableTo(type)) {
            if (session.acknowledgesEachDelivery()) {
                heldBack = received;
            } else {
                session.delivered(this, received);
            }
            throw new MessageFormatRuntimeException("the received " + message.bodyType().interfaceName()
                    + "'s body cannot be returned as " + type.getName());
        }
        session.delivered(this, received);
        return message.getBody(type);
    }

    /** @param waitMillis how long to wait for a message: negative for not at all, 0 for as long as it takes */
    private Received await(long waitMillis) throws JMSException {
        requireOpen();
        if (listener != null) {
            throw new IllegalStateException("a consumer with a message listener cannot receive synchronously");
        }
        long deadline = waitMillis == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + Math.max(waitMillis, 0);
        while (!closed && !session.isClosed()) {
            long seen = session.signalCount();
            if (session.connection().isStarted()) {
                Received received;
                try {
                    received = next(waitMillis < 0 ? 0 : deadline - System.currentTimeMillis());
                } catch (JMSException e) {
                    if (closed || session.isClosed()) {
                        return null; // closed while fetching: a receive cut off by close returns null (spec 8.8)
                    }
                    throw e;
                }
                if (received != null) {
                    return received;
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (waitMillis < 0) {
                return null;
            }
            if (left <= 0) {
                idle();
                return null;
            }
            try {
                if (!session.awaitSignal(seen, left)) {
                    records.refresh();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    @Override
    public Message receive() throws JMSException {
        return receive0(0);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return receive0(timeout);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receive0(-1);
    }

    @Override
    public String getMessageSelector() throws JMSException {
        requireOpen();
        return messageSelector;
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        requireOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        requireOpen();
        boolean removed = this.listener != null && listener == null;
        this.listener = listener;
        if (listener != null) {
            session.listenerSet();
        } else if (removed) {
            session.whileNoListenerRuns(this::idle);
        }
    }

    /** Nobody waits for this consumer's messages now: other consumers get them ({@link RecordSource#idle}). */
    private void idle() {
        try {
            records.idle();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "an idle consumer of " + destination + " could not end its waits;"
                    + " they end by themselves within seconds", e);
        }
    }

    @Override
    public Queue getQueue() throws JMSException {
        requireOpen();
        return (Queue) destination;
    }

    @Override
    public Topic getTopic() throws JMSException {
        requireOpen();
        return (Topic) destination;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        requireOpen();
        return noLocal;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.wake();
        session.awaitListenerIdle();
        records.close();
        session.removed(this);
        onClose.run();
    }
}
