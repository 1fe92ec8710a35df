package io.partitionmq.jms;

import io.partitionmq.log.InvalidTopicException;
import io.partitionmq.log.TopicNames;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import java.io.Serializable;
import java.util.Objects;

/**
 * A queue or topic by name; the name is the log topic's name. A JavaBean (no-argument constructor and
 * {@code name} property), so application servers can create it as an administered object.
 */
public abstract class PartitionMQDestination implements Destination, Serializable {
    private static final long serialVersionUID = 1L;
    private static final String QUEUE_PREFIX = "queue://";
    private static final String TOPIC_PREFIX = "topic://";

    private String name;

    PartitionMQDestination() {
    }

    PartitionMQDestination(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    abstract boolean isQueue();

    /** The log topic this destination maps to; fails with the reason if the name cannot be one. */
    String logTopic() throws InvalidDestinationException {
        try {
            return TopicNames.requireValid(name);
        } catch (InvalidTopicException e) {
            throw new InvalidDestinationException("invalid " + (isQueue() ? "queue" : "topic") + " name: "
                    + e.getMessage());
        }
    }

    /** The form used in the JMSReplyTo header of a record. */
    String uri() {
        return (isQueue() ? QUEUE_PREFIX : TOPIC_PREFIX) + name;
    }

    /**
     * The destination a JMSReplyTo (or JMSDestination) header names. A temporary one comes back as a
     * {@code TemporaryQueue} or {@code TemporaryTopic}, as its sender created it; only its own connection's object
     * can delete it.
     */
    static PartitionMQDestination fromUri(String uri) {
        if (uri == null) {
            return null;
        }
        boolean queue = uri.startsWith(QUEUE_PREFIX);
        String name = uri.substring((queue ? QUEUE_PREFIX : TOPIC_PREFIX).length());
        if (TemporaryDestinations.isTemporary(name)) {
            return queue ? new PartitionMQTemporaryQueue(name, null) : new PartitionMQTemporaryTopic(name, null);
        }
        return queue ? new PartitionMQQueue(name) : new PartitionMQTopic(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionMQDestination d && d.isQueue() == isQueue() && Objects.equals(d.name, name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(isQueue(), name);
    }

    @Override
    public String toString() {
        return uri();
    }
}
