package io.partitionmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.StreamMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A message whose body is a sequence of typed values, written in order and read back in order with the
 * conversions of the specification. A read that fails to convert leaves the position where it was.
 */
public class PartitionMQStreamMessage extends PartitionMQMessage implements StreamMessage {
    private List<Object> items = new ArrayList<>();
    private int position;
    /** How much of a byte[] field readBytes has read; -1 when not inside one. */
    private int bytesRead = -1;

    @Override
    MessageBodyType bodyType() {
        return MessageBodyType.STREAM;
    }

    @Override
    byte[] encodeBody() throws JMSException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(items.size());
            for (Object item : items) {
                TypedValues.write(out, item);
            }
        } catch (IOException e) {
            throw new MessageFormatException("the stream cannot be encoded: " + e);
        }
        return bytes.toByteArray();
    }

    @Override
    void decodeBody(byte[] body) throws JMSException {
        items = new ArrayList<>();
        if (body == null) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                items.add(TypedValues.read(in));
            }
        } catch (IOException e) {
            throw new MessageFormatException("the stream body cannot be read: " + e);
        }
    }

    @Override
    void makeBodyReadOnly() {
        super.makeBodyReadOnly();
        position = 0;
        bytesRead = -1;
    }

    @Override
    void clearBodyContent() {
        items = new ArrayList<>();
        position = 0;
        bytesRead = -1;
    }

    @Override
    public void reset() {
        makeBodyReadOnly();
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("a StreamMessage has no body that getBody can return");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }

    // Reading.

    private interface Conversion<T> {
        T apply(Object item, String what) throws JMSException;
    }

    private <T> T read(Conversion<T> conversion) throws JMSException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException("the message is write-only; call reset() before reading");
        }
        if (bytesRead >= 0) {
            throw new MessageFormatException("the byte[] field being read with readBytes must be read to its end"
                    + " first");
        }
        if (position >= items.size()) {
            throw new MessageEOFException("the end of the stream message body was reached");
        }
        T value = conversion.apply(items.get(position), "stream field " + position);
        position++;
        return value;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(ValueConversions::toBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(ValueConversions::toByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(ValueConversions::toShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(ValueConversions::toChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(ValueConversions::toInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(ValueConversions::toLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(ValueConversions::toFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(ValueConversions::toDouble);
    }

    @Override
    public String readString() throws JMSException {
        return read(ValueConversions::toText);
    }

    @Override
    public Object readObject() throws JMSException {
        return read((item, what) -> item instanceof byte[] bytes ? bytes.clone() : item);
    }

    /**
     * Reads a byte[] field in pieces: each call copies what fits into {@code value}; once the field is read to
     * its end, the next call returns -1 and the next field becomes current. A null field reads as -1 at once.
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException("the message is write-only; call reset() before reading");
        }
        if (position >= items.size()) {
            throw new MessageEOFException("the end of the stream message body was reached");
        }
        Object item = items.get(position);
        if (bytesRead < 0) {
            if (item == null) {
                position++;
                return -1;
            }
            if (!(item instanceof byte[])) {
                throw new MessageFormatException("stream field " + position + " is a "
                        + item.getClass().getSimpleName() + ", not a byte[]");
            }
            bytesRead = 0;
        } else if (bytesRead >= ((byte[]) item).length) {
            bytesRead = -1;
            position++;
            return -1;
        }
        byte[] field = (byte[]) item;
        int count = Math.min(value.length, field.length - bytesRead);
        System.arraycopy(field, bytesRead, value, 0, count);
        bytesRead += count;
        return count;
    }

    // Writing.

    private void write(Object value) throws JMSException {
        requireBodyWritable();
        items.add(TypedValues.requireSupported(value));
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        write(value);
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(java.util.Arrays.copyOfRange(value, offset, offset + length));
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        write(value instanceof byte[] bytes ? bytes.clone() : value);
    }
}
