package io.partitionmq.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
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
            writeContent(out, record.key(), record.headers(), record.value());
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
                records.add(readContent(in, batch.baseOffset() + i, batch.appendTime()));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt record batch at offset " + batch.baseOffset(), e);
        }
    }

    /** A record read from a log, with its offset and time: how records travel from brokers to clients. */
    public static void writeRecord(DataOutput out, Record record) throws IOException {
        out.writeLong(record.offset());
        out.writeLong(record.timestamp());
        writeContent(out, record.key(), record.headers(), record.value());
    }

    public static Record readRecord(DataInput in) throws IOException {
        long offset = in.readLong();
        long timestamp = in.readLong();
        return readContent(in, offset, timestamp);
    }

    private static void writeContent(DataOutput out, byte[] key, Map<String, Object> headers, byte[] value)
            throws IOException {
        writeBytes(out, key);
        out.writeInt(headers.size());
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            out.writeUTF(header.getKey());
            if (!writeValue(out, header.getValue())) {
                throw new IllegalArgumentException("header '" + header.getKey() + "' has a value of type "
                        + header.getValue().getClass().getName() + "; a record header holds String, Boolean, Byte,"
                        + " Short, Integer, Long, Float, Double or byte[]");
            }
        }
        writeBytes(out, value);
    }

    private static Record readContent(DataInput in, long offset, long timestamp) throws IOException {
        byte[] key = readBytes(in);
        int headerCount = in.readInt();
        if (headerCount < 0) {
            throw new IOException("a record cannot have " + headerCount + " headers");
        }
        Map<String, Object> headers = new HashMap<>(headerCount * 2);
        for (int h = 0; h < headerCount; h++) {
            String name = in.readUTF();
            headers.put(name, readValue(in.readByte(), in));
        }
        byte[] value = readBytes(in);
        return new Record(offset, timestamp, key, headers, value);
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

    private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        // Bytes from a socket may claim any length: refuse one longer than what is left before allocating it.
        if (in instanceof java.io.InputStream stream && length > stream.available()) {
            throw new java.io.EOFException("a length of " + length + " runs past the end of the data");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** The highest type tag of {@link #writeValue}'s values; codecs that build on it number theirs above. */
    public static final byte LAST_VALUE_TAG = BYTES;

    /**
     * Writes a header value as its type tag and its bytes: null, String, Boolean, Byte, Short, Integer, Long,
     * Float, Double or byte[]. Returns false, writing nothing, for any other type.
     */
    public static boolean writeValue(DataOutput out, Object value) throws IOException {
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
            return false;
        }
        return true;
    }

    /** Reads the value {@link #writeValue} wrote after its type tag, {@code type}, which the caller read. */
    public static Object readValue(byte type, DataInput in) throws IOException {
        return switch (type) {
            case NULL -> null;
            case STRING -> {
                byte[] utf8 = readBytes(in);
                if (utf8 == null) {
                    throw new IOException("a string value has no bytes");
                }
                yield new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
            }
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
