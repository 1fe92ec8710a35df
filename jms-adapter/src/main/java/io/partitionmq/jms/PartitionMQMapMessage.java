package io.partitionmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A message whose body is a set of named, typed values, read with the conversions of the specification. */
public class PartitionMQMapMessage extends PartitionMQMessage implements MapMessage {
    private Map<String, Object> values = new LinkedHashMap<>();

    @Override
    MessageBodyType bodyType() {
        return MessageBodyType.MAP;
    }

    @Override
    byte[] encodeBody() throws JMSException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(values.size());
            for (Map.Entry<String, Object> entry : values.entrySet()) {
                out.writeUTF(entry.getKey());
                TypedValues.write(out, entry.getValue());
            }
        } catch (IOException e) {
            throw new MessageFormatException("the map cannot be encoded: " + e);
        }
        return bytes.toByteArray();
    }

    @Override
    void decodeBody(byte[] body) throws JMSException {
        values = new LinkedHashMap<>();
        if (body == null) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                values.put(in.readUTF(), TypedValues.read(in));
            }
        } catch (IOException e) {
            throw new MessageFormatException("the map body cannot be read: " + e);
        }
    }

    @Override
    void clearBodyContent() {
        values = new LinkedHashMap<>();
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (!isBodyAssignableTo(c)) {
            throw bodyNotAssignable(c, "a Map");
        }
        return values.isEmpty() ? null : c.cast(new LinkedHashMap<>(values));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return values.isEmpty() || c.isAssignableFrom(Map.class);
    }

    private static String described(String name) {
        return "map entry '" + name + "'";
    }

    private void put(String name, Object value) throws JMSException {
        requireBodyWritable();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a map entry needs a name");
        }
        values.put(name, TypedValues.requireSupported(value instanceof byte[] b ? b.clone() : value));
    }

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return ValueConversions.toBoolean(values.get(name), described(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return ValueConversions.toByte(values.get(name), described(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return ValueConversions.toShort(values.get(name), described(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return ValueConversions.toChar(values.get(name), described(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return ValueConversions.toInt(values.get(name), described(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return ValueConversions.toLong(values.get(name), described(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return ValueConversions.toFloat(values.get(name), described(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return ValueConversions.toDouble(values.get(name), described(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return ValueConversions.toText(values.get(name), described(name));
    }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        byte[] bytes = ValueConversions.toBytes(values.get(name), described(name));
        return bytes == null ? null : bytes.clone();
    }

    @Override
    public Object getObject(String name) {
        Object value = values.get(name);
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Enumeration getMapNames() {
        return Collections.enumeration(values.keySet());
    }

    @Override
    public boolean itemExists(String name) {
        return values.containsKey(name);
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        put(name, java.util.Arrays.copyOfRange(value, offset, offset + length));
    }

    @Override
    public void setObject(String name, Object value) throws JMSException {
        put(name, value);
    }
}
