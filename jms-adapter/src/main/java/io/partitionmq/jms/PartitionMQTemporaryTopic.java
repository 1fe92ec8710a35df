package io.partitionmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/** A topic that lives as long as the connection that created it. */
public class PartitionMQTemporaryTopic extends PartitionMQTopic implements TemporaryTopic {
    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinations owner;

    PartitionMQTemporaryTopic(String name, TemporaryDestinations owner) {
        super(name);
        this.owner = owner;
    }

    @Override
    public void delete() throws JMSException {
        TemporaryDestinations.delete(owner, this);
    }
}
