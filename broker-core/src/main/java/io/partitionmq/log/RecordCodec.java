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

    /** The bytes a batch payload adds to its records: the record count. */
    public static final int BATCH_HEADER = 4;

    private RecordCodec() {
    }

    public static byte[] encode(List<ProducerRecord> records) {
        return batchOf(records.stream().map(RecordCodec::encodeRecord).toList());
    }

    /** One record's bytes, to be put in a batch by {@link #batchOf}. */
    public static byte[] encodeRecord(ProducerRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (record.value() == null ? 0
                : record.value().length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeBytes(out, record.key());
            out.writeInt(record.headers().size());
            for (Map.Entry<String, Object> header : record.headers().entrySet()) {
                out.writeUTF(header.getKey());
                writeValue(out, header.getKey(), header.getValue());
            }
            writeBytes(out, record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A batch payload of records encoded by {@link #encodeRecord}: their count, then each in order. */
    public static byte[] batchOf(List<byte[]> encodedRecords) {
        int size = BATCH_HEADER;
        for (byte[] record : encodedRecords) {
            size += record.length;
        }
        java.nio.ByteBuffer payload = java.nio.ByteBuffer.allocate(size).putInt(encodedRecords.size());
        for (byte[] record : encodedRecords) {
            payload.put(record);
        }
        return payload.array();
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
        return decode(batch, batch.baseOffset(), batch.recordCount());
    }

    /** Up to {@code max} records of a batch from {@code offset} on, decoding only those. */
    public static List<Record> decode(RecordBatch batch, long offset, int max) {
        int first = (int) Math.max(0, offset - batch.baseOffset());
        int end = (int) Math.min(batch.recordCount(), (long) first + max);
        if (first >= end) {
            return List.of();
        }
        int[] positions = batch.recordPositions();
        byte[] payload = batch.payload();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload, positions[first],
                payload.length - positions[first]))) {
            List<Record> records = new ArrayList<>(end - first);
            for (int i = first; i < end; i++) {
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

    /**
     * The records {@code [from, to)} of a batch as a batch of their own (same append time and epoch), copied
     * without decoding: what a reader is sent when it needs part of a batch.
     */
    public static RecordBatch slice(RecordBatch batch, long from, long to) {
        if (from == batch.baseOffset() && to == batch.nextOffset()) {
            return batch;
        }
        int[] positions = batch.recordPositions();
        int first = (int) (from - batch.baseOffset());
        int end = (int) (to - batch.baseOffset());
        int startByte = positions[first];
        int endByte = end < positions.length ? positions[end] : batch.payload().length;
        java.nio.ByteBuffer payload = java.nio.ByteBuffer.allocate(BATCH_HEADER + endByte - startByte)
                .putInt(end - first).put(batch.payload(), startByte, endByte - startByte);
        return new RecordBatch(from, end - first, batch.appendTime(), batch.leaderEpoch(), payload.array());
    }

    /** Where each record of a payload starts, found by skipping over the records without decoding them. */
    static int[] positions(byte[] payload) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(payload);
        int[] positions = new int[in.getInt()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = in.position();
            skipBytes(in);
            int headerCount = in.getInt();
            for (int h = 0; h < headerCount; h++) {
                int nameLength = in.getShort() & 0xffff;
                in.position(in.position() + nameLength);
                skipValue(in);
            }
            skipBytes(in);
        }
        return positions;
    }

    private static void skipBytes(java.nio.ByteBuffer in) {
        int length = in.getInt();
        if (length > 0) {
            in.position(in.position() + length);
        }
    }

    private static void skipValue(java.nio.ByteBuffer in) {
        byte type = in.get();
        switch (type) {
            case NULL -> { }
            case BOOLEAN, BYTE -> in.get();
            case SHORT -> in.getShort();
            case INT, FLOAT -> in.getInt();
            case LONG, DOUBLE -> in.getLong();
            case STRING, BYTES -> skipBytes(in);
            default -> throw new UncheckedIOException(new IOException("unknown header value type " + type));
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
