package io.partitionmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/** A queue that lives as long as the connection that created it. */
public class PartitionMQTemporaryQueue extends PartitionMQQueue implements TemporaryQueue {
    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinations owner;

    PartitionMQTemporaryQueue(String name, TemporaryDestinations owner) {
        super(name);
        this.owner = owner;
    }

    @Override
    public void delete() throws JMSException {
        TemporaryDestinations.delete(owner, this);
    }
}
