package io.partitionmq.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte layout of the records inside a batch. The producer encodes once; the broker stores and ships the
 * bytes untouched; consumers decode. Offsets are not in the payload: a record's offset is the batch's base
 * offset plus its index, assigned when the batch is appended.
 */
public final class RecordCodec {
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte BOOLEAN = 2;
    private static final byte BYTE = 3;
    private static final byte SHORT = 4;
    private static final byte INT = 5;
    private static final byte LONG = 6;
    private static final byte FLOAT = 7;
    private static final byte DOUBLE = 8;
    private static final byte BYTES = 9;

    private RecordCodec() {
    }

    public static byte[] encode(List<ProducerRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(records.size());
            for (ProducerRecord record : records) {
                writeBytes(out, record.key());
                out.writeInt(record.headers().size());
                for (Map.Entry<String, Object> header : record.headers().entrySet()) {
                    out.writeUTF(header.getKey());
                    writeValue(out, header.getKey(), header.getValue());
                }
                writeBytes(out, record.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The number of records in an encoded payload, read without decoding them. */
    public static int count(byte[] payload) {
        if (payload.length < 4) {
            throw new IllegalArgumentException("a record batch payload holds at least its record count");
        }
        return ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8)
                | (payload[3] & 0xff);
    }

    public static List<Record> decode(RecordBatch batch) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(batch.payload()))) {
            int count = in.readInt();
            List<Record> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] key = readBytes(in);
                int headerCount = in.readInt();
                Map<String, Object> headers = new HashMap<>(headerCount * 2);
                for (int h = 0; h < headerCount; h++) {
                    String name = in.readUTF();
                    headers.put(name, readValue(in));
                }
                byte[] value = readBytes(in);
                records.add(new Record(batch.baseOffset() + i, batch.appendTime(), key, headers, value));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt record batch at offset " + batch.baseOffset(), e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static void writeValue(DataOutputStream out, String name, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            writeBytes(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof byte[] b) {
            out.writeByte(BYTES);
            writeBytes(out, b);
        } else {
            throw new IllegalArgumentException("header '" + name + "' has a value of type "
                    + value.getClass().getName() + "; a record header holds String, Boolean, Byte, Short, Integer,"
                    + " Long, Float, Double or byte[]");
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case NULL -> null;
            case STRING -> new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
            case BOOLEAN -> in.readBoolean();
            case BYTE -> in.readByte();
            case SHORT -> in.readShort();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case BYTES -> readBytes(in);
            default -> throw new IOException("unknown header value type " + type);
        };
    }
}
