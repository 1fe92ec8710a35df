package io.partitionmq.group;

import java.io.Serializable;

/**
 * A named subscription to a topic (a JMS durable or shared subscription): a share group over all the topic's
 * partitions that started at the topic's end when the subscription was created.
 *
 * @param id       the share group's name, unique in the cluster
 * @param topic    the topic subscribed to
 * @param selector the message selector, or null
 * @param noLocal  whether messages published by the subscribing connection are left out
 * @param shared   whether several consumers may share it
 * @param durable  whether it outlives its consumers
 */
public record Subscription(String id, String topic, String selector, boolean noLocal, boolean shared,
                           boolean durable) implements Serializable {
}
