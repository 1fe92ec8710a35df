package io.partitionmq.jms;

import static io.partitionmq.jms.PartitionMQContext.unchecked;

import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;

/** The simplified API's consumer, over a classic one. */
final class PartitionMQJMSConsumer implements JMSConsumer {
    private final PartitionMQConsumer consumer;

    /** Over a PartitionMQ consumer: every session a context uses is PartitionMQ's. */
    PartitionMQJMSConsumer(MessageConsumer consumer) {
        this.consumer = (PartitionMQConsumer) consumer;
    }

    @Override
    public String getMessageSelector() {
        return unchecked(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return unchecked(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        unchecked(() -> {
            consumer.setMessageListener(listener);
            return null;
        });
    }

    @Override
    public Message receive() {
        return unchecked(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return unchecked(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return unchecked(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        unchecked(() -> {
            consumer.close();
            return null;
        });
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return unchecked(() -> consumer.receiveBody(c, 0));
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        // A timeout of 0 waits for ever, as receive(0) does.
        return unchecked(() -> consumer.receiveBody(c, timeout));
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return unchecked(() -> consumer.receiveBody(c, -1));
    }
}
