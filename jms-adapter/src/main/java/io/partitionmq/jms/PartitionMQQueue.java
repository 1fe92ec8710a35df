package io.partitionmq.jms;

import jakarta.jms.Queue;
import jakarta.resource.spi.AdministeredObject;

/** A queue: a log topic consumed by competing consumers. */
@AdministeredObject(adminObjectInterfaces = Queue.class)
public class PartitionMQQueue extends PartitionMQDestination implements Queue {
    private static final long serialVersionUID = 1L;

    public PartitionMQQueue() {
    }

    public PartitionMQQueue(String name) {
        super(name);
    }

    @Override
    public String getQueueName() {
        return getName();
    }

    @Override
    boolean isQueue() {
        return true;
    }
}
