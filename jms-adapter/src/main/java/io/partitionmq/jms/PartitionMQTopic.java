package io.partitionmq.jms;

import jakarta.jms.Topic;
import jakarta.resource.spi.AdministeredObject;

/** A topic: a log topic every subscriber reads in full. */
@AdministeredObject(adminObjectInterfaces = Topic.class)
public class PartitionMQTopic extends PartitionMQDestination implements Topic {
    private static final long serialVersionUID = 1L;

    public PartitionMQTopic() {
    }

    public PartitionMQTopic(String name) {
        super(name);
    }

    @Override
    public String getTopicName() {
        return getName();
    }

    @Override
    boolean isQueue() {
        return false;
    }
}
