package io.partitionmq.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A message whose body is a stream of bytes. A new message is write-only; {@link #reset()} or delivery makes it
 * read-only, positioned at the start.
 */
public class PartitionMQBytesMessage extends PartitionMQMessage implements BytesMessage {
    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream writer = new DataOutputStream(written);
    private byte[] body = new byte[0];
    private DataInputStream reader;

    @Override
    MessageBodyType bodyType() {
        return MessageBodyType.BYTES;
    }

    @Override
    byte[] encodeBody() {
        return isBodyReadOnly() ? body : written.toByteArray();
    }

    @Override
    void decodeBody(byte[] bytes) {
        body = bytes == null ? new byte[0] : bytes;
    }

    @Override
    void makeBodyReadOnly() {
        super.makeBodyReadOnly();
        reader = new DataInputStream(new ByteArrayInputStream(body));
    }

    @Override
    void clearBodyContent() {
        written = new ByteArrayOutputStream();
        writer = new DataOutputStream(written);
        body = new byte[0];
        reader = null;
    }

    @Override
    public void reset() throws JMSException {
        if (!isBodyReadOnly()) {
            body = written.toByteArray();
        }
        makeBodyReadOnly();
    }

    /**
     * The whole body, in either mode: unlike the read methods, getBody is not a read of the stream (its javadoc
     * names no MessageNotReadableException), so a message still being written returns what was written so far
     * and stays writable.
     */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (!isBodyAssignableTo(c)) {
            throw bodyNotAssignable(c, "bytes");
        }
        byte[] content = isBodyReadOnly() ? body.clone() : written.toByteArray();
        return content.length == 0 ? null : c.cast(content);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        int length = isBodyReadOnly() ? body.length : written.size();
        return length == 0 || c.isAssignableFrom(byte[].class);
    }

    @Override
    public long getBodyLength() throws JMSException {
        requireReadable();
        return body.length;
    }

    private DataInputStream reader() throws MessageNotReadableException {
        requireReadable();
        return reader;
    }

    private void requireReadable() throws MessageNotReadableException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException("the message is write-only; call reset() before reading");
        }
    }

    private interface Read<T> {
        T from(DataInputStream in) throws IOException;
    }

    private <T> T read(Read<T> read) throws JMSException {
        DataInputStream in = reader();
        in.mark(body.length);
        try {
            return read.from(in);
        } catch (EOFException e) {
            resetTo(in);
            throw new MessageEOFException("the end of the bytes message body was reached");
        } catch (IOException e) {
            resetTo(in);
            JMSException failure = new MessageFormatException("the body cannot be read as requested: " + e);
            failure.initCause(e);
            throw failure;
        }
    }

    private static void resetTo(DataInputStream in) {
        try {
            in.reset();
        } catch (IOException ignored) {
            // A byte array stream always supports mark and reset.
        }
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(DataInputStream::readBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(DataInputStream::readByte);
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return read(DataInputStream::readUnsignedByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(DataInputStream::readShort);
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return read(DataInputStream::readUnsignedShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(DataInputStream::readChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(DataInputStream::readInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(DataInputStream::readLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(DataInputStream::readFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(DataInputStream::readDouble);
    }

    @Override
    public String readUTF() throws JMSException {
        return read(in -> in.readUTF());
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " does not fit a buffer of " + value.length);
        }
        DataInputStream in = reader();
        try {
            return in.read(value, 0, length);
        } catch (IOException e) {
            throw new MessageFormatException("the body cannot be read: " + e);
        }
    }

    private interface Write {
        void to(DataOutputStream out) throws IOException;
    }

    private void write(Write write) throws JMSException {
        requireBodyWritable();
        try {
            write.to(writer);
        } catch (IOException e) {
            throw new MessageFormatException("the value cannot be written: " + e);
        }
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(out -> out.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(out -> out.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(out -> out.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(out -> out.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(out -> out.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(out -> out.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(out -> out.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(out -> out.writeDouble(value));
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        write(out -> out.writeUTF(value));
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(out -> out.write(value));
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(out -> out.write(value, offset, length));
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("writeObject does not take null");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("a bytes message cannot hold a " + value.getClass().getName());
        }
    }
}
