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
