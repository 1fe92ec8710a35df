package io.partitionmq.jms;

import static io.partitionmq.jms.PartitionMQContext.unchecked;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The simplified API's producer: message settings and properties applied to every message it sends, over a
 * classic producer without a destination.
 */
final class PartitionMQJMSProducer implements JMSProducer {
    private final PartitionMQContext context;
    private final MessageProducer producer;
    /** Holds the properties and header values set on this producer, with the message rules for them. */
    private final PartitionMQMessage template = new PartitionMQMessage();
    private CompletionListener completionListener;

    PartitionMQJMSProducer(PartitionMQContext context, MessageProducer producer) {
        this.context = context;
        this.producer = producer;
    }

    @Override
    public JMSProducer send(Destination destination, Message message) {
        context.requireOpen(); // before the message is touched: a closed context sends nothing
        if (message == null) {
            throw new MessageFormatRuntimeException("the message must not be null");
        }
        unchecked(() -> {
            for (Map.Entry<String, Object> property : template.properties.asMap().entrySet()) {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
            if (template.correlation() instanceof byte[] bytes) {
                message.setJMSCorrelationIDAsBytes(bytes);
            } else if (template.correlation() != null) {
                message.setJMSCorrelationID((String) template.correlation());
            }
            if (template.getJMSType() != null) {
                message.setJMSType(template.getJMSType());
            }
            if (template.getJMSReplyTo() != null) {
                message.setJMSReplyTo(template.getJMSReplyTo());
            }
            if (completionListener == null) {
                producer.send(destination, message);
            } else {
                producer.send(destination, message, completionListener);
            }
            return null;
        });
        return this;
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        TextMessage message = context.createTextMessage(body);
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        jakarta.jms.MapMessage message = context.createMapMessage();
        if (body != null) {
            unchecked(() -> {
                for (Map.Entry<String, Object> entry : body.entrySet()) {
                    message.setObject(entry.getKey(), entry.getValue());
                }
                return null;
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        BytesMessage message = context.createBytesMessage();
        if (body != null) {
            unchecked(() -> {
                message.writeBytes(body);
                return null;
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        return send(destination, context.createObjectMessage(body));
    }

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        unchecked(() -> {
            producer.setDisableMessageID(value);
            return null;
        });
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return unchecked(producer::getDisableMessageID);
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        unchecked(() -> {
            producer.setDisableMessageTimestamp(value);
            return null;
        });
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return unchecked(producer::getDisableMessageTimestamp);
    }

    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        unchecked(() -> {
            producer.setDeliveryMode(deliveryMode);
            return null;
        });
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return unchecked(producer::getDeliveryMode);
    }

    @Override
    public JMSProducer setPriority(int priority) {
        unchecked(() -> {
            producer.setPriority(priority);
            return null;
        });
        return this;
    }

    @Override
    public int getPriority() {
        return unchecked(producer::getPriority);
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        unchecked(() -> {
            producer.setTimeToLive(timeToLive);
            return null;
        });
        return this;
    }

    @Override
    public long getTimeToLive() {
        return unchecked(producer::getTimeToLive);
    }

    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        unchecked(() -> {
            producer.setDeliveryDelay(deliveryDelay);
            return null;
        });
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return unchecked(producer::getDeliveryDelay);
    }

    @Override
    public JMSProducer setAsync(CompletionListener completionListener) {
        this.completionListener = completionListener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return completionListener;
    }

    private JMSProducer property(String name, Object value) {
        unchecked(() -> {
            template.setObjectProperty(name, value);
            return null;
        });
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        return property(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        return property(name, value);
    }

    @Override
    public JMSProducer clearProperties() {
        template.clearProperties();
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return template.propertyExists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return unchecked(() -> template.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return unchecked(() -> template.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return unchecked(() -> template.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return unchecked(() -> template.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return unchecked(() -> template.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return unchecked(() -> template.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return unchecked(() -> template.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return template.getStringProperty(name);
    }

    @Override
    public Object getObjectProperty(String name) {
        return template.getObjectProperty(name);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Collections.unmodifiableSet(new HashSet<>(template.properties.asMap().keySet()));
    }

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        template.setJMSCorrelationIDAsBytes(correlationID);
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return template.getJMSCorrelationIDAsBytes();
    }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        template.setJMSCorrelationID(correlationID);
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        return template.getJMSCorrelationID();
    }

    @Override
    public JMSProducer setJMSType(String type) {
        template.setJMSType(type);
        return this;
    }

    @Override
    public String getJMSType() {
        return template.getJMSType();
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination replyTo) {
        template.setJMSReplyTo(replyTo);
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return template.getJMSReplyTo();
    }

}
