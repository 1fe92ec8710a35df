package io.partitionmq.jms;

import io.partitionmq.log.Record;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored record as an operator reads it: the JMS headers, the properties, and the body decoded by its JMS
 * type (text as is, a map's entries, a stream's values, bytes in hex). An object body is never deserialized
 * here: only its size is shown, since its classes and its trustworthiness are the application's.
 */
public final class MessageViews {
    /** Bodies longer than this are cut when shown. */
    static final int SHOWN_BYTES = 64 * 1024;

    /** One message: its coordinates, JMS type, headers, properties and body, ready to be written as JSON. */
    public record MessageView(long offset, long appendTime, String type, Map<String, Object> headers,
                              Map<String, Object> properties, Object body) {
    }

    private MessageViews() {
    }

    public static MessageView of(Record record) {
        if (!(record.headers().get(MessageCodec.BODY_TYPE) instanceof Byte)) {
            return new MessageView(record.offset(), record.timestamp(), "record", Map.of(),
                    new LinkedHashMap<>(record.headers()), hex(record.value()));
        }
        try {
            PartitionMQMessage message = MessageCodec.fromRecord(record, null, 1);
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("JMSMessageID", message.getJMSMessageID());
            headers.put("JMSTimestamp", message.getJMSTimestamp());
            headers.put("JMSCorrelationID", message.getJMSCorrelationID());
            headers.put("JMSReplyTo", message.getJMSReplyTo() == null ? null : message.getJMSReplyTo().toString());
            headers.put("JMSDeliveryMode", message.getJMSDeliveryMode());
            headers.put("JMSType", message.getJMSType());
            headers.put("JMSExpiration", message.getJMSExpiration());
            headers.put("JMSPriority", message.getJMSPriority());
            headers.put("JMSDeliveryTime", message.getJMSDeliveryTime());
            Map<String, Object> properties = new LinkedHashMap<>(message.properties.asMap());
            properties.remove(MessageCodec.DELIVERY_COUNT);
            return new MessageView(record.offset(), record.timestamp(), message.bodyType().interfaceName(), headers, properties,
                    body(message, record.value()));
        } catch (JMSException | RuntimeException e) {
            return new MessageView(record.offset(), record.timestamp(), "unreadable", Map.of(),
                    new LinkedHashMap<>(record.headers()), hex(record.value()));
        }
    }

    private static Object body(PartitionMQMessage message, byte[] encoded) throws JMSException {
        return switch (message.bodyType()) {
            case NONE -> null;
            case TEXT -> ((PartitionMQTextMessage) message).getText();
            case BYTES -> hex(message.getBody(byte[].class));
            case MAP -> mapBody((PartitionMQMapMessage) message);
            case STREAM -> streamBody((PartitionMQStreamMessage) message);
            case OBJECT -> "serialized Java object, " + (encoded == null ? 0 : encoded.length) + " bytes";
        };
    }

    private static Map<String, Object> mapBody(PartitionMQMapMessage map) throws JMSException {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Object name : Collections.list(map.getMapNames())) {
            Object value = map.getObject((String) name);
            entries.put((String) name, value instanceof byte[] bytes ? hex(bytes) : value);
        }
        return entries;
    }

    private static List<Object> streamBody(PartitionMQStreamMessage stream) throws JMSException {
        List<Object> values = new ArrayList<>();
        while (true) {
            try {
                Object value = stream.readObject();
                values.add(value instanceof byte[] bytes ? hex(bytes) : value);
            } catch (MessageEOFException end) {
                return values;
            }
        }
    }

    private static String hex(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int shown = Math.min(bytes.length, SHOWN_BYTES);
        String text = HexFormat.of().formatHex(bytes, 0, shown);
        return shown < bytes.length ? text + "... (" + bytes.length + " bytes)" : text;
    }
}
