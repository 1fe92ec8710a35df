package io.partitionmq.server;

import io.partitionmq.jms.PartitionMQConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.TextMessage;
import java.util.Map;

/**
 * Test messages an operator sends from the admin API: real JMS text messages, sent through the JMS client to
 * the broker in this server, so consumers receive them exactly as an application's.
 */
@ApplicationScoped
public class TestMessages {
    /** Sends a text message with string properties; a group id (JMSXGroupID) chooses its partition. */
    public String send(String destination, String text, Map<String, String> properties, String groupId) {
        BrokerService.running(); // refuses while the broker is not up
        try (JMSContext context = new PartitionMQConnectionFactory().createContext()) {
            TextMessage message = context.createTextMessage(text);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            if (groupId != null && !groupId.isBlank()) {
                message.setStringProperty("JMSXGroupID", groupId);
            }
            context.createProducer().send(context.createTopic(destination), message);
            return message.getJMSMessageID();
        } catch (InvalidDestinationException | MessageFormatException | InvalidDestinationRuntimeException
                | MessageFormatRuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (JMSException | JMSRuntimeException e) {
            throw new IllegalStateException("sending the test message failed: " + e.getMessage(), e);
        }
    }
}
