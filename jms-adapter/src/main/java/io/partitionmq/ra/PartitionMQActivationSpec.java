package io.partitionmq.ra;

import io.partitionmq.jms.PartitionMQQueue;
import io.partitionmq.jms.PartitionMQTopic;
import jakarta.jms.Destination;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * What a message-driven bean asks for, with the standard JMS activation properties (Jakarta Messaging 13.1):
 * {@code destinationLookup} or {@code destination}, and {@code destinationType}.
 */
@Activation(messageListeners = MessageListener.class)
public class PartitionMQActivationSpec implements ActivationSpec {
    private ResourceAdapter resourceAdapter;
    private String destinationLookup;
    private String destination;
    private String destinationType;
    private String acknowledgeMode = "Auto-acknowledge";
    private String subscriptionDurability = "NonDurable";
    private String subscriptionName;
    private String clientId;
    private String messageSelector;
    private String connectionFactoryLookup;
    private Integer concurrency = 1;
    private Integer maxDeliveries = 5;
    private Boolean orderedPerPartition;

    @Override
    public void validate() throws InvalidPropertyException {
        if (isBlank(destinationLookup) && isBlank(destination)) {
            throw new InvalidPropertyException("set the activation property destinationLookup (a JNDI name) or"
                    + " destination (a queue or topic name)");
        }
        if (destinationType != null && !destinationType.equals(Queue.class.getName())
                && !destinationType.equals(Topic.class.getName())) {
            throw new InvalidPropertyException("destinationType must be jakarta.jms.Queue or jakarta.jms.Topic,"
                    + " not " + destinationType);
        }
        if (isDurable() && isBlank(subscriptionName)) {
            throw new InvalidPropertyException("a durable subscription needs the activation property"
                    + " subscriptionName");
        }
        if (concurrency == null || concurrency < 1) {
            throw new InvalidPropertyException("concurrency must be a whole number of at least 1, not "
                    + concurrency);
        }
        if (maxDeliveries == null || maxDeliveries < 1) {
            throw new InvalidPropertyException("maxDeliveries must be a whole number of at least 1, not "
                    + maxDeliveries);
        }
        if (concurrency > 1 && isDurable() && !isBlank(clientId)) {
            throw new InvalidPropertyException("a durable subscription of client id " + clientId + " has at most"
                    + " one consumer (Jakarta Messaging 6.2.7): set concurrency=1, or drop clientId to make it a"
                    + " shared durable subscription");
        }
        if (!isBlank(messageSelector)) {
            try {
                io.partitionmq.selector.Selector.parse(messageSelector);
            } catch (IllegalArgumentException e) {
                throw new InvalidPropertyException("messageSelector: " + e.getMessage());
            }
        }
    }

    /** The destination to consume from: looked up in JNDI, or named directly. */
    Destination resolveDestination() throws NamingException {
        if (!isBlank(destinationLookup)) {
            return (Destination) new InitialContext().lookup(destinationLookup);
        }
        return Topic.class.getName().equals(destinationType) ? new PartitionMQTopic(destination)
                : new PartitionMQQueue(destination);
    }

    /**
     * Whether each partition hands its messages to the bean instances one at a time (so each partition's, each
     * JMSXGroupID's, order holds with any concurrency): by default for topics, not for queues.
     */
    boolean isOrderedPerPartition() {
        return orderedPerPartition != null ? orderedPerPartition : Topic.class.getName().equals(destinationType);
    }

    public Integer getConcurrency() {
        return concurrency;
    }

    /** How many bean instances receive at once (each on its own session); default 1. */
    public void setConcurrency(Integer concurrency) {
        this.concurrency = concurrency;
    }

    public Integer getMaxDeliveries() {
        return maxDeliveries;
    }

    /**
     * How often a message is delivered to the bean before it goes to the dead-letter queue
     * ({@code <destination>.DLQ}); default 5.
     */
    public void setMaxDeliveries(Integer maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }

    public Boolean getOrderedPerPartition() {
        return orderedPerPartition;
    }

    public void setOrderedPerPartition(Boolean orderedPerPartition) {
        this.orderedPerPartition = orderedPerPartition;
    }

    boolean isDurable() {
        return "Durable".equalsIgnoreCase(subscriptionDurability);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }

    public String getDestinationLookup() {
        return destinationLookup;
    }

    public void setDestinationLookup(String destinationLookup) {
        this.destinationLookup = destinationLookup;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getDestinationType() {
        return destinationType;
    }

    public void setDestinationType(String destinationType) {
        this.destinationType = destinationType;
    }

    public String getAcknowledgeMode() {
        return acknowledgeMode;
    }

    public void setAcknowledgeMode(String acknowledgeMode) {
        this.acknowledgeMode = acknowledgeMode;
    }

    public String getSubscriptionDurability() {
        return subscriptionDurability;
    }

    public void setSubscriptionDurability(String subscriptionDurability) {
        this.subscriptionDurability = subscriptionDurability;
    }

    public String getSubscriptionName() {
        return subscriptionName;
    }

    public void setSubscriptionName(String subscriptionName) {
        this.subscriptionName = subscriptionName;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getMessageSelector() {
        return messageSelector;
    }

    public void setMessageSelector(String messageSelector) {
        this.messageSelector = messageSelector;
    }

    public String getConnectionFactoryLookup() {
        return connectionFactoryLookup;
    }

    public void setConnectionFactoryLookup(String connectionFactoryLookup) {
        this.connectionFactoryLookup = connectionFactoryLookup;
    }

    @Override
    public String toString() {
        return "activation of " + (isBlank(destinationLookup) ? destination : destinationLookup);
    }
}
