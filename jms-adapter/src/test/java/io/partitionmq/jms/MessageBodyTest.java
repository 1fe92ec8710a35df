package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jakarta Messaging 3.1, section 3.11: message bodies. Each assertion is a sentence of that section. */
class MessageBodyTest {

    @Test
    void aNewBytesMessageIsWriteOnlyAndResetPutsItInReadOnlyModeAtTheStart() throws JMSException {
        BytesMessage bytes = new PartitionMQBytesMessage();
        bytes.writeInt(7);
        bytes.writeUTF("seven");
        assertThrows(MessageNotReadableException.class, bytes::readInt, "write-only until reset");
        bytes.reset();
        assertEquals(7, bytes.readInt());
        assertEquals("seven", bytes.readUTF());
        assertThrows(MessageEOFException.class, bytes::readByte, "reading past the end");
        assertThrows(MessageNotWriteableException.class, () -> bytes.writeInt(8), "read-only after reset");
        bytes.reset();
        assertEquals(7, bytes.readInt(), "reset again rewinds");
    }

    @Test
    void readBytesFillsAtMostTheArrayAndTheLengthAskedAndSaysHowManyItRead() throws JMSException {
        BytesMessage bytes = new PartitionMQBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
        bytes.reset();
        assertEquals(3, bytes.getBodyLength(), "writeBytes with an offset and length wrote those");
        byte[] into = new byte[2];
        assertThrows(IndexOutOfBoundsException.class, () -> bytes.readBytes(into, 3),
                "a length above the array's is an IndexOutOfBoundsException");
        assertEquals(2, bytes.readBytes(into, 2));
        assertArrayEquals(new byte[] {2, 3}, into);
        assertEquals(1, bytes.readBytes(into));
        assertEquals(-1, bytes.readBytes(into), "at the end");
    }

    @Test
    void clearBodyLeavesTheBodyEmptyAndWritableAndThePropertiesAsTheyWere() throws JMSException {
        BytesMessage bytes = new PartitionMQBytesMessage();
        bytes.setIntProperty("kept", 1);
        bytes.writeLong(1L);
        bytes.reset();
        bytes.clearBody();
        bytes.writeByte((byte) 2);
        bytes.reset();
        assertEquals(1, bytes.getBodyLength());
        assertEquals(1, bytes.getIntProperty("kept"));
    }

    @Test
    void aStreamMessageReadsItsValuesInOrderConvertingAsTheTableAllows() throws JMSException {
        StreamMessage stream = new PartitionMQStreamMessage();
        stream.writeShort((short) 5);
        stream.writeString("twelve");
        stream.writeString("12");
        stream.writeBoolean(true);
        stream.reset();
        assertEquals(5L, stream.readLong(), "a short reads as a long");
        assertThrows(NumberFormatException.class, stream::readInt, "\"twelve\" is no int...");
        assertEquals("twelve", stream.readString(), "...and a failed read leaves the position where it was");
        assertEquals((byte) 12, stream.readByte(), "a String reads as the number it spells");
        assertThrows(MessageFormatException.class, stream::readInt, "a boolean is never an int");
        assertTrue(stream.readBoolean());
        assertThrows(MessageEOFException.class, stream::readObject);
    }

    @Test
    void aMapMessageConvertsLikePropertiesAndNamesItsEntries() throws JMSException {
        MapMessage map = new PartitionMQMapMessage();
        map.setInt("quantity", 3);
        map.setString("price", "9.5");
        map.setBytes("raw", new byte[] {1, 2});
        assertEquals(3L, map.getLong("quantity"));
        assertEquals(9.5d, map.getDouble("price"));
        assertArrayEquals(new byte[] {1, 2}, map.getBytes("raw"));
        assertThrows(MessageFormatException.class, () -> map.getString("raw"), "byte[] is only byte[]");
        assertThrows(MessageFormatException.class, () -> map.getShort("quantity"), "no narrowing");
        assertTrue(map.itemExists("price"));
        assertFalse(map.itemExists("discount"));
        assertNull(map.getString("discount"));
        List<String> names = new ArrayList<>();
        map.getMapNames().asIterator().forEachRemaining(name -> names.add((String) name));
        Collections.sort(names);
        assertEquals(List.of("price", "quantity", "raw"), names);
        assertThrows(IllegalArgumentException.class, () -> map.setInt("", 1), "a name must not be empty");
    }

    @Test
    void getBodyReturnsTheBodyAsTheTypeAskedForWhenItIsAssignable() throws JMSException {
        TextMessage text = new PartitionMQTextMessage();
        text.setText("hello");
        assertEquals("hello", text.getBody(String.class));
        assertTrue(text.isBodyAssignableTo(String.class));
        assertFalse(text.isBodyAssignableTo(Integer.class));
        assertThrows(MessageFormatException.class, () -> text.getBody(Integer.class));

        ObjectMessage object = new PartitionMQObjectMessage();
        object.setObject(new ArrayList<>(List.of("a")));
        assertEquals(List.of("a"), object.getBody(Serializable.class));
        assertTrue(object.isBodyAssignableTo(List.class));

        MapMessage map = new PartitionMQMapMessage();
        map.setInt("n", 1);
        assertEquals(Map.of("n", 1), map.getBody(Map.class));

        StreamMessage stream = new PartitionMQStreamMessage();
        assertFalse(stream.isBodyAssignableTo(Object.class), "a StreamMessage's body is never returned");
        assertThrows(MessageFormatException.class, () -> stream.getBody(Object.class));
    }

    @Test
    void aMessageWithoutABodyReturnsNullForAnyType() throws JMSException {
        Message plain = new PartitionMQMessage();
        assertNull(plain.getBody(String.class));
        assertTrue(plain.isBodyAssignableTo(Integer.class));
        TextMessage empty = new PartitionMQTextMessage();
        assertNull(empty.getBody(String.class));
        assertTrue(empty.isBodyAssignableTo(Map.class), "no body is assignable to anything");
    }

    @Test
    void aStreamFieldOfBytesIsReadInPiecesThenMinusOneAndOnlyAsBytesOnceStarted() throws JMSException {
        StreamMessage stream = new PartitionMQStreamMessage();
        stream.writeBytes(new byte[] {1, 2, 3});
        stream.writeInt(9);
        stream.reset();
        byte[] piece = new byte[2];
        assertEquals(2, stream.readBytes(piece));
        assertThrows(MessageFormatException.class, stream::readInt,
                "a field of bytes being read must be read to its end first");
        assertEquals(1, stream.readBytes(piece));
        assertEquals(-1, stream.readBytes(piece), "the end of the field reads as -1");
        assertEquals(9, stream.readInt());
    }

    @Test
    void onlyValuesOfTheSupportedTypesMayBeWrittenAndAWriteOnlyBodyHasNoLength() throws JMSException {
        assertThrows(MessageFormatException.class, () -> new PartitionMQMapMessage().setObject("list",
                new ArrayList<>()));
        assertThrows(MessageFormatException.class, () -> new PartitionMQStreamMessage().writeObject(new Object()));
        assertThrows(MessageFormatException.class, () -> new PartitionMQObjectMessage().setObject(
                new NotSerializableHolder()), "an object that cannot be serialized");
        assertThrows(MessageNotReadableException.class, () -> new PartitionMQBytesMessage().getBodyLength());
    }

    /** Serializable in its type, but holding a field that is not. */
    private static final class NotSerializableHolder implements Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object notSerializable = new Object();
    }

    @Test
    void aBytesMessagesBodyIsReturnedWholeAsBytes() throws JMSException {
        BytesMessage bytes = new PartitionMQBytesMessage();
        bytes.writeBytes(new byte[] {4, 5, 6});
        bytes.reset();
        assertArrayEquals(new byte[] {4, 5, 6}, bytes.getBody(byte[].class));
        assertFalse(bytes.isBodyAssignableTo(String.class));
    }

    @Test
    void getBodyOfABytesMessageStillBeingWrittenReturnsWhatWasWrittenAndLeavesItWritable() throws JMSException {
        BytesMessage bytes = new PartitionMQBytesMessage();
        assertNull(bytes.getBody(byte[].class), "nothing written yet: no body");
        bytes.writeBytes(new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, bytes.getBody(byte[].class));
        assertFalse(bytes.isBodyAssignableTo(String.class), "bytes were written");
        bytes.writeByte((byte) 6);
        assertThrows(MessageNotReadableException.class, bytes::readByte, "reading the stream still needs reset()");
        bytes.reset();
        assertArrayEquals(new byte[] {4, 5, 6}, bytes.getBody(byte[].class));
    }
}
