package io.partitionmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A message's properties with the type rules of the Jakarta Messaging specification (section 3.5): legal names,
 * the allowed value types, and the conversion table applied when a property is read as another type.
 */
final class MessageProperties {
    /** Header fields have their own setters; a property of the same name would shadow them in selectors. */
    private static final Set<String> HEADER_NAMES = Set.of("JMSDestination", "JMSDeliveryMode", "JMSMessageID",
            "JMSTimestamp", "JMSCorrelationID", "JMSReplyTo", "JMSRedelivered", "JMSType", "JMSExpiration",
            "JMSPriority", "JMSDeliveryTime");
    private static final Set<String> RESERVED_WORDS = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR",
            "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private final Map<String, Object> values = new LinkedHashMap<>();

    Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    void putAll(Map<String, Object> properties) {
        values.putAll(properties);
    }

    void clear() {
        values.clear();
    }

    boolean contains(String name) {
        return values.containsKey(name);
    }

    Enumeration<String> names() {
        return Collections.enumeration(values.keySet());
    }

    void set(String name, Object value) throws MessageFormatException {
        requireLegalName(name);
        if (value != null && !(value instanceof String || value instanceof Boolean || value instanceof Byte
                || value instanceof Short || value instanceof Integer || value instanceof Long
                || value instanceof Float || value instanceof Double)) {
            throw new MessageFormatException("property '" + name + "' cannot hold a " + value.getClass().getName()
                    + "; properties are String, Boolean, Byte, Short, Integer, Long, Float or Double");
        }
        // The two JMSX properties a client sets have the types of the specification's table (3.5.9).
        if (value != null && name.equals(MessageCodec.GROUP_ID) && !(value instanceof String)) {
            throw new MessageFormatException("JMSXGroupID is a String, not a " + value.getClass().getSimpleName());
        }
        if (value != null && name.equals("JMSXGroupSeq") && !(value instanceof Integer)) {
            throw new MessageFormatException("JMSXGroupSeq is an int, not a " + value.getClass().getSimpleName());
        }
        values.put(name, value);
    }

    Object get(String name) {
        return values.get(name);
    }

    private static String described(String name) {
        return "property '" + name + "'";
    }

    boolean getBoolean(String name) throws JMSException {
        return ValueConversions.toBoolean(values.get(name), described(name));
    }

    byte getByte(String name) throws JMSException {
        return ValueConversions.toByte(values.get(name), described(name));
    }

    short getShort(String name) throws JMSException {
        return ValueConversions.toShort(values.get(name), described(name));
    }

    int getInt(String name) throws JMSException {
        return ValueConversions.toInt(values.get(name), described(name));
    }

    long getLong(String name) throws JMSException {
        return ValueConversions.toLong(values.get(name), described(name));
    }

    float getFloat(String name) throws JMSException {
        return ValueConversions.toFloat(values.get(name), described(name));
    }

    double getDouble(String name) throws JMSException {
        return ValueConversions.toDouble(values.get(name), described(name));
    }

    String getString(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    static void requireLegalName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must not be null or empty");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))
                || !name.chars().skip(1).allMatch(Character::isJavaIdentifierPart)) {
            throw new IllegalArgumentException("property name '" + name + "' is not a Java identifier");
        }
        if (RESERVED_WORDS.contains(name.toUpperCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("property name '" + name + "' is a reserved selector word");
        }
        if (HEADER_NAMES.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a header field; set it with its own setter");
        }
    }
}
