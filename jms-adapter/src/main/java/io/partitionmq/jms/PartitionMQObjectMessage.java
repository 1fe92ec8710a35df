package io.partitionmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * A message whose body is a serializable object. The object is serialized when it is set, so later changes to it
 * do not change the message, and deserialized with the calling thread's context class loader (the application's,
 * inside a server).
 */
public class PartitionMQObjectMessage extends PartitionMQMessage implements ObjectMessage {
    private byte[] serialized;

    @Override
    MessageBodyType bodyType() {
        return MessageBodyType.OBJECT;
    }

    @Override
    byte[] encodeBody() {
        return serialized;
    }

    @Override
    void decodeBody(byte[] body) {
        serialized = body;
    }

    @Override
    void clearBodyContent() {
        serialized = null;
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        requireBodyWritable();
        if (object == null) {
            serialized = null;
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            MessageFormatException failure = new MessageFormatException("the object cannot be serialized: " + e);
            failure.initCause(e);
            throw failure;
        }
        serialized = bytes.toByteArray();
    }

    @Override
    public Serializable getObject() throws JMSException {
        if (serialized == null) {
            return null;
        }
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(serialized))) {
            return (Serializable) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            MessageFormatException failure = new MessageFormatException("the object cannot be deserialized: " + e);
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Serializable object = getObject();
        if (object != null && !c.isInstance(object)) {
            throw bodyNotAssignable(c, "a " + object.getClass().getName());
        }
        return c.cast(object);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        Serializable object = getObject();
        return object == null || c.isInstance(object);
    }

    /** Resolves classes with the thread's context class loader first. */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(description.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(description);
                }
            }
            return super.resolveClass(description);
        }
    }
}
