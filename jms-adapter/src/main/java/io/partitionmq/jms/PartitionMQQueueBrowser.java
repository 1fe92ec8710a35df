package io.partitionmq.jms;

import io.partitionmq.log.RecordFilter;
import io.partitionmq.log.ShareRecord;
import io.partitionmq.log.TopicMetadata;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.ArrayDeque;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Shows the messages a queue's consumers could receive now, partition by partition, without receiving them. The
 * enumeration reads a page at a time, so a long queue is not loaded at once; it reflects the queue as it is when
 * each page is read (the specification leaves a browser's snapshot semantics to the provider).
 */
final class PartitionMQQueueBrowser implements QueueBrowser {
    private static final int PAGE = 100;

    private final PartitionMQSession session;
    private final PartitionMQQueue queue;
    private final String messageSelector;
    private final RecordFilter filter;
    private volatile boolean closed;

    PartitionMQQueueBrowser(PartitionMQSession session, PartitionMQQueue queue, String messageSelector,
            RecordFilter filter) {
        this.session = session;
        this.queue = queue;
        this.messageSelector = messageSelector;
        this.filter = filter;
    }

    private void requireOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the queue browser is closed");
        }
        session.requireOpen();
    }

    @Override
    public Queue getQueue() throws JMSException {
        requireOpen();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        requireOpen();
        return messageSelector;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Enumeration getEnumeration() throws JMSException {
        requireOpen();
        return new Pages(session.topicOf(queue));
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The messages of one partition after another, a page at a time. */
    private final class Pages implements Enumeration<Message> {
        private final TopicMetadata topic;
        private final ArrayDeque<ShareRecord> page = new ArrayDeque<>();
        private int partition;
        private long position;

        Pages(TopicMetadata topic) {
            this.topic = topic;
        }

        @Override
        public boolean hasMoreElements() {
            while (page.isEmpty() && partition < topic.partitions() && !closed) {
                List<ShareRecord> read = session.broker().shares().browse(topic.name(), partition,
                        queue.getName(), position, PAGE, filter);
                page.addAll(read);
                if (read.isEmpty()) {
                    partition++;
                    position = 0;
                } else {
                    position = read.get(read.size() - 1).record().offset() + 1;
                }
            }
            return !page.isEmpty();
        }

        @Override
        public Message nextElement() {
            if (!hasMoreElements()) {
                throw new NoSuchElementException("the browser has shown every message");
            }
            ShareRecord next = page.poll();
            try {
                PartitionMQMessage message = MessageCodec.delivered(next.record(), queue, partition,
                        next.deliveryCount() + 1);
                message.markReceived(() -> { });
                return message;
            } catch (JMSException e) {
                throw new IllegalArgumentException("a browsed message could not be read: " + e.getMessage(), e);
            }
        }
    }
}
