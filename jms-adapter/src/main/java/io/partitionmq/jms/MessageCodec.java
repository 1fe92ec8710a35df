package io.partitionmq.jms;

import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.Record;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * How a JMS message becomes a log record and back. Header fields and properties become typed record headers
 * under their JMS names, so a broker can evaluate selectors on them; the key is the JMSXGroupID, so a message
 * group stays in one partition.
 */
final class MessageCodec {
    static final String BODY_TYPE = "JMS_PartitionMQ_BodyType";
    static final String GROUP_ID = "JMSXGroupID";
    static final String USER_ID = "JMSXUserID";
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    private static final String CORRELATION_BYTES = "JMS_PartitionMQ_CorrelationBytes";
    /** The publishing connection, so that noLocal subscribers can leave its messages out. */
    static final String PUBLISHER = "JMS_PartitionMQ_PublisherConnection";
    /** Where a delivered message lives in the log: its topic, partition and offset (read-only to consumers). */
    static final String LOG_TOPIC = "JMS_PartitionMQ_Topic";
    static final String LOG_PARTITION = "JMS_PartitionMQ_Partition";
    static final String LOG_OFFSET = "JMS_PartitionMQ_Offset";

    private MessageCodec() {
    }

    /** @param user the sender's authenticated user, stamped as JMSXUserID; null for none */
    static ProducerRecord toRecord(PartitionMQMessage message, String connectionId, String user)
            throws JMSException {
        Map<String, Object> headers = new HashMap<>(message.properties.asMap());
        headers.put(PUBLISHER, connectionId);
        // Only the provider says who sent a message.
        headers.remove(USER_ID);
        if (user != null) {
            headers.put(USER_ID, user);
        }
        putIfSet(headers, "JMSMessageID", message.getJMSMessageID());
        headers.put("JMSTimestamp", message.getJMSTimestamp());
        if (message.correlation() instanceof byte[] bytes) {
            headers.put(CORRELATION_BYTES, bytes);
        } else {
            putIfSet(headers, "JMSCorrelationID", message.correlation());
        }
        if (message.getJMSReplyTo() != null) {
            headers.put("JMSReplyTo", toOwn(message.getJMSReplyTo()).uri());
        }
        headers.put("JMSDeliveryMode", message.getJMSDeliveryMode());
        putIfSet(headers, "JMSType", message.getJMSType());
        headers.put("JMSExpiration", message.getJMSExpiration());
        headers.put("JMSPriority", message.getJMSPriority());
        headers.put("JMSDeliveryTime", message.getJMSDeliveryTime());
        headers.put(BODY_TYPE, (byte) message.bodyType().ordinal());
        Object group = headers.get(GROUP_ID);
        byte[] key = group == null ? null : group.toString().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord(key, headers, message.encodeBody());
    }

    /**
     * The message a consumer delivers for a record read from partition {@code partition} of {@code destination},
     * delivered that many times; it carries its log position as provider properties.
     */
    static PartitionMQMessage delivered(Record record, PartitionMQDestination destination, int partition,
            int deliveryCount) throws JMSException {
        PartitionMQMessage message = fromRecord(record, destination, deliveryCount);
        message.properties.putAll(Map.of(LOG_TOPIC, destination.getName(), LOG_PARTITION, partition,
                LOG_OFFSET, record.offset()));
        return message;
    }

    /** The message for a record read from {@code destination}, delivered that many times. */
    static PartitionMQMessage fromRecord(Record record, Destination destination, int deliveryCount)
            throws JMSException {
        Map<String, Object> headers = new HashMap<>(record.headers());
        PartitionMQMessage message = MessageBodyType.values()[(Byte) headers.remove(BODY_TYPE)].newMessage();
        message.setJMSMessageID((String) headers.remove("JMSMessageID"));
        message.setJMSTimestamp((Long) headers.remove("JMSTimestamp"));
        Object correlationBytes = headers.remove(CORRELATION_BYTES);
        if (correlationBytes != null) {
            message.setJMSCorrelationIDAsBytes((byte[]) correlationBytes);
        } else {
            message.setJMSCorrelationID((String) headers.remove("JMSCorrelationID"));
        }
        message.setJMSReplyTo(PartitionMQDestination.fromUri((String) headers.remove("JMSReplyTo")));
        message.setJMSDeliveryMode((Integer) headers.remove("JMSDeliveryMode"));
        message.setJMSType((String) headers.remove("JMSType"));
        message.setJMSExpiration((Long) headers.remove("JMSExpiration"));
        message.setJMSPriority((Integer) headers.remove("JMSPriority"));
        message.setJMSDeliveryTime((Long) headers.remove("JMSDeliveryTime"));
        message.setJMSDestination(destination);
        headers.remove(PUBLISHER);
        headers.put(DELIVERY_COUNT, deliveryCount);
        message.setJMSRedelivered(deliveryCount > 1);
        message.properties.putAll(headers);
        message.decodeBody(record.value());
        return message;
    }

    /** This provider's form of any message, so that another provider's messages can be sent (spec 3.12). */
    static PartitionMQMessage adopt(Message message) throws JMSException {
        if (message instanceof PartitionMQMessage own) {
            return own;
        }
        PartitionMQMessage copy;
        if (message instanceof TextMessage text) {
            PartitionMQTextMessage textCopy = new PartitionMQTextMessage();
            textCopy.setText(text.getText());
            copy = textCopy;
        } else if (message instanceof BytesMessage bytes) {
            PartitionMQBytesMessage bytesCopy = new PartitionMQBytesMessage();
            bytes.reset();
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            bytesCopy.writeBytes(body);
            copy = bytesCopy;
        } else if (message instanceof jakarta.jms.MapMessage map) {
            PartitionMQMapMessage mapCopy = new PartitionMQMapMessage();
            for (String name : Collections.list(castNames(map.getMapNames()))) {
                mapCopy.setObject(name, map.getObject(name));
            }
            copy = mapCopy;
        } else if (message instanceof jakarta.jms.StreamMessage stream) {
            PartitionMQStreamMessage streamCopy = new PartitionMQStreamMessage();
            stream.reset();
            while (true) {
                try {
                    streamCopy.writeObject(stream.readObject());
                } catch (jakarta.jms.MessageEOFException end) {
                    break;
                }
            }
            copy = streamCopy;
        } else if (message instanceof jakarta.jms.ObjectMessage object) {
            PartitionMQObjectMessage objectCopy = new PartitionMQObjectMessage();
            objectCopy.setObject(object.getObject());
            copy = objectCopy;
        } else {
            copy = new PartitionMQMessage();
        }
        copy.setJMSCorrelationID(message.getJMSCorrelationID());
        copy.setJMSType(message.getJMSType());
        if (message.getJMSReplyTo() != null) {
            copy.setJMSReplyTo(toOwn(message.getJMSReplyTo()));
        }
        for (String name : Collections.list(castNames(message.getPropertyNames()))) {
            copy.setObjectProperty(name, message.getObjectProperty(name));
        }
        return copy;
    }


    @SuppressWarnings("unchecked")
    private static java.util.Enumeration<String> castNames(java.util.Enumeration<?> names) {
        return (java.util.Enumeration<String>) names;
    }

    /** A destination of this provider for any Queue or Topic, e.g. one another provider created. */
    static PartitionMQDestination toOwn(Destination destination) throws JMSException {
        if (destination instanceof PartitionMQDestination own) {
            return own;
        }
        if (destination instanceof Queue queue) {
            return new PartitionMQQueue(queue.getQueueName());
        }
        if (destination instanceof Topic topic) {
            return new PartitionMQTopic(topic.getTopicName());
        }
        throw new jakarta.jms.InvalidDestinationException("destination " + destination
                + " is neither a Queue nor a Topic");
    }

    private static void putIfSet(Map<String, Object> headers, String name, Object value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}
