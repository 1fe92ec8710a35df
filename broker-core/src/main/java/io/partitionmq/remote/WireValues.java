package io.partitionmq.remote;

import io.partitionmq.log.BatchRecords;
import io.partitionmq.log.Record;
import io.partitionmq.log.RecordBatch;
import io.partitionmq.log.RecordCodec;
import io.partitionmq.log.ShareRecord;
import io.partitionmq.log.SharedRecords;
import io.partitionmq.selector.JmsSelectorFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The values that travel between clients and brokers: the types the client operations take and return, written
 * as tagged, self-describing data. Records and enums are accepted only from PartitionMQ's own packages and rebuilt
 * through their canonical constructors, so a client can make a broker build nothing else. Failures travel from
 * brokers to clients as serialized exceptions, which only a client reads.
 */
final class WireValues {
    private static final String OWN_PACKAGE = "io.partitionmq.";
    private static final int MAX_COLLECTION = 16 * 1024 * 1024;

    // Tags up to RecordCodec.LAST_VALUE_TAG are the record headers' scalar values (null, String, numbers,
    // byte[]), written by RecordCodec; the rest are the wire's own.
    private static final byte CHAR = RecordCodec.LAST_VALUE_TAG + 1;
    private static final byte LONGS = CHAR + 1;
    private static final byte BOOLEANS = LONGS + 1;
    private static final byte LIST = BOOLEANS + 1;
    private static final byte SET = LIST + 1;
    private static final byte MAP = SET + 1;
    private static final byte RECORD = MAP + 1;
    private static final byte ENUM = RECORD + 1;
    private static final byte DURATION = ENUM + 1;
    private static final byte OPTIONAL = DURATION + 1;
    private static final byte OPTIONAL_LONG = OPTIONAL + 1;
    private static final byte SELECTOR = OPTIONAL_LONG + 1;
    private static final byte FAILURE = SELECTOR + 1;
    // Records read from logs, in RecordCodec's compact form: what consumers are sent, many at a time.
    private static final byte LOG_RECORD = FAILURE + 1;
    private static final byte SHARE_RECORD = LOG_RECORD + 1;
    // A fetch's records as the log's batches: the bytes pass through the broker untouched. Brokers send them only.
    private static final byte BATCHES = SHARE_RECORD + 1;
    // Records acquired by a share-group consumer: the batches, then each record's offset and delivery count.
    private static final byte SHARED_RECORDS = BATCHES + 1;

    /** How a record class is taken apart and put together again; found once per class. */
    private record RecordShape(MethodHandle[] accessors, Constructor<?> constructor) {
    }

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            MethodHandle[] accessors = new MethodHandle[components.length];
            Class<?>[] types = new Class<?>[components.length];
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            try {
                for (int i = 0; i < components.length; i++) {
                    java.lang.reflect.Method accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    accessors[i] = lookup.unreflect(accessor);
                    types[i] = components[i].getType();
                }
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return new RecordShape(accessors, constructor);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("the record " + type.getName() + " cannot travel: " + e, e);
            }
        }
    };

    private WireValues() {
    }

    static void write(DataOutput out, Object value) throws IOException {
        if (RecordCodec.writeValue(out, value)) {
            return;
        }
        if (value instanceof BatchRecords records) {
            out.writeByte(BATCHES);
            writeBatches(out, records.batches());
        } else if (value instanceof SharedRecords shared) {
            out.writeByte(SHARED_RECORDS);
            writeBatches(out, shared.batches());
            out.writeInt(shared.size());
            for (int i = 0; i < shared.size(); i++) {
                out.writeLong(shared.offset(i));
                out.writeInt(shared.deliveryCount(i));
            }
        } else if (value instanceof Record record) {
            out.writeByte(LOG_RECORD);
            RecordCodec.writeRecord(out, record);
        } else if (value instanceof ShareRecord shared) {
            out.writeByte(SHARE_RECORD);
            out.writeInt(shared.deliveryCount());
            RecordCodec.writeRecord(out, shared.record());
        } else if (value instanceof Character c) {
            out.writeByte(CHAR);
            out.writeChar(c);
        } else if (value instanceof long[] longs) {
            out.writeByte(LONGS);
            out.writeInt(longs.length);
            for (long l : longs) {
                out.writeLong(l);
            }
        } else if (value instanceof boolean[] booleans) {
            out.writeByte(BOOLEANS);
            out.writeInt(booleans.length);
            for (boolean b : booleans) {
                out.writeBoolean(b);
            }
        } else if (value instanceof List<?> list) {
            writeAll(out, LIST, list);
        } else if (value instanceof Set<?> set) {
            writeAll(out, SET, set);
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                write(out, entry.getKey());
                write(out, entry.getValue());
            }
        } else if (value instanceof Duration duration) {
            out.writeByte(DURATION);
            out.writeLong(duration.getSeconds());
            out.writeInt(duration.getNano());
        } else if (value instanceof Optional<?> optional) {
            out.writeByte(OPTIONAL);
            write(out, optional.orElse(null));
        } else if (value instanceof OptionalLong optional) {
            out.writeByte(OPTIONAL_LONG);
            out.writeBoolean(optional.isPresent());
            out.writeLong(optional.orElse(0));
        } else if (value instanceof JmsSelectorFilter selector) {
            out.writeByte(SELECTOR);
            writeString(out, selector.toString());
        } else if (value instanceof Enum<?> constant && own(constant.getDeclaringClass())) {
            out.writeByte(ENUM);
            writeString(out, constant.getDeclaringClass().getName());
            writeString(out, constant.name());
        } else if (value instanceof java.lang.Record record && own(record.getClass())) {
            writeRecord(out, record);
        } else if (value instanceof Throwable failure) {
            out.writeByte(FAILURE);
            byte[] serialized = serialized(failure);
            out.writeInt(serialized.length);
            out.write(serialized);
        } else {
            throw new IllegalArgumentException("a " + value.getClass().getName() + " cannot travel to the brokers");
        }
    }

    private static void writeBatches(DataOutput out, List<RecordBatch> batches) throws IOException {
        out.writeInt(batches.size());
        for (RecordBatch batch : batches) {
            out.writeLong(batch.baseOffset());
            out.writeInt(batch.recordCount());
            out.writeLong(batch.appendTime());
            out.writeInt(batch.leaderEpoch());
            out.writeInt(batch.payload().length);
            out.write(batch.payload());
        }
    }

    private static List<RecordBatch> readBatches(DataInput in, boolean fromBroker) throws IOException {
        if (!fromBroker) {
            throw new IOException("a client may not send record batches");
        }
        int count = length(in);
        List<RecordBatch> batches = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            long baseOffset = in.readLong();
            int records = in.readInt();
            long appendTime = in.readLong();
            int leaderEpoch = in.readInt();
            byte[] payload = new byte[length(in)];
            in.readFully(payload);
            batches.add(new RecordBatch(baseOffset, records, appendTime, leaderEpoch, payload));
        }
        return batches;
    }

    private static void writeAll(DataOutput out, byte tag, Collection<?> values) throws IOException {
        out.writeByte(tag);
        out.writeInt(values.size());
        for (Object element : values) {
            write(out, element);
        }
    }

    private static void writeRecord(DataOutput out, java.lang.Record record) throws IOException {
        RecordShape shape = SHAPES.get(record.getClass());
        out.writeByte(RECORD);
        writeString(out, record.getClass().getName());
        for (MethodHandle accessor : shape.accessors()) {
            try {
                write(out, accessor.invoke(record));
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("reading " + record.getClass().getName() + " failed", e);
            }
        }
    }

    static void writeString(DataOutput out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /**
     * Reads a value; {@code fromBroker} says whether it is a broker's reply, read by a client: only those may hold
     * serialized exceptions and record batches, which a broker never accepts from a client.
     */
    static Object read(DataInput in, boolean fromBroker) throws IOException {
        byte tag = in.readByte();
        if (tag >= 0 && tag <= RecordCodec.LAST_VALUE_TAG) {
            return RecordCodec.readValue(tag, in);
        }
        switch (tag) {
            case CHAR:
                return in.readChar();
            case LONGS: {
                long[] longs = new long[length(in)];
                for (int i = 0; i < longs.length; i++) {
                    longs[i] = in.readLong();
                }
                return longs;
            }
            case BOOLEANS: {
                boolean[] booleans = new boolean[length(in)];
                for (int i = 0; i < booleans.length; i++) {
                    booleans[i] = in.readBoolean();
                }
                return booleans;
            }
            case LIST: {
                int size = length(in);
                List<Object> list = new ArrayList<>(Math.min(size, 1024));
                for (int i = 0; i < size; i++) {
                    list.add(read(in, fromBroker));
                }
                return list;
            }
            case SET: {
                int size = length(in);
                Set<Object> set = new LinkedHashSet<>();
                for (int i = 0; i < size; i++) {
                    set.add(read(in, fromBroker));
                }
                return set;
            }
            case MAP: {
                int size = length(in);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    map.put(read(in, fromBroker), read(in, fromBroker));
                }
                return map;
            }
            case DURATION:
                return Duration.ofSeconds(in.readLong(), in.readInt());
            case OPTIONAL:
                return Optional.ofNullable(read(in, fromBroker));
            case OPTIONAL_LONG: {
                boolean present = in.readBoolean();
                long value = in.readLong();
                return present ? OptionalLong.of(value) : OptionalLong.empty();
            }
            case SELECTOR:
                return new JmsSelectorFilter(readString(in));
            case ENUM:
                return readEnum(in);
            case RECORD:
                return readRecord(in, fromBroker);
            case LOG_RECORD:
                return RecordCodec.readRecord(in);
            case BATCHES:
                return new BatchRecords(readBatches(in, fromBroker));
            case SHARED_RECORDS: {
                List<RecordBatch> batches = readBatches(in, fromBroker);
                int count = length(in);
                long[] offsets = new long[count];
                int[] deliveryCounts = new int[count];
                for (int i = 0; i < count; i++) {
                    offsets[i] = in.readLong();
                    deliveryCounts[i] = in.readInt();
                }
                return new SharedRecords(batches, offsets, deliveryCounts);
            }
            case SHARE_RECORD: {
                int deliveryCount = in.readInt();
                return new ShareRecord(RecordCodec.readRecord(in), deliveryCount);
            }
            case FAILURE:
                if (!fromBroker) {
                    throw new IOException("a client may not send exceptions");
                }
                byte[] serialized = new byte[length(in)];
                in.readFully(serialized);
                return deserializedFailure(serialized);
            default:
                throw new IOException("unknown value tag " + tag);
        }
    }

    private static int length(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_COLLECTION) {
            throw new IOException("a length of " + length + " is out of range");
        }
        return length;
    }

    static String readString(DataInput in) throws IOException {
        byte[] utf8 = new byte[length(in)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object readEnum(DataInput in) throws IOException {
        Class<?> type = ownClass(readString(in));
        String name = readString(in);
        if (!type.isEnum()) {
            throw new IOException(type.getName() + " is not an enum");
        }
        try {
            return Enum.valueOf((Class) type, name);
        } catch (IllegalArgumentException e) {
            throw new IOException("no constant " + name + " in " + type.getName(), e);
        }
    }

    private static Object readRecord(DataInput in, boolean fromBroker) throws IOException {
        Class<?> type = ownClass(readString(in));
        if (!type.isRecord()) {
            throw new IOException(type.getName() + " is not a record");
        }
        RecordShape shape = SHAPES.get(type);
        Object[] components = new Object[shape.accessors().length];
        for (int i = 0; i < components.length; i++) {
            components[i] = read(in, fromBroker);
        }
        try {
            return shape.constructor().newInstance(components);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IOException("a " + type.getSimpleName() + " that arrived is invalid: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IOException("a " + type.getSimpleName() + " that arrived does not fit its fields: " + e, e);
        }
    }

    private static boolean own(Class<?> type) {
        return type.getName().startsWith(OWN_PACKAGE);
    }

    private static Class<?> ownClass(String name) throws IOException {
        if (!name.startsWith(OWN_PACKAGE)) {
            throw new IOException("values of " + name + " do not travel");
        }
        try {
            return Class.forName(name, false, WireValues.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException("unknown type " + name, e);
        }
    }

    private static byte[] serialized(Throwable failure) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(failure);
        } catch (IOException | RuntimeException e) {
            // A failure with parts that do not serialize travels as its type and message.
            bytes.reset();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(new IllegalStateException(failure.getClass().getName() + ": "
                        + failure.getMessage()));
            }
        }
        return bytes.toByteArray();
    }

    /** Exceptions only, with what they are made of: nothing else comes back to life from a reply. */
    private static final ObjectInputFilter FAILURES_ONLY = info -> {
        Class<?> type = info.serialClass();
        if (type == null) {
            return info.depth() > 20 ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        String name = type.getName();
        boolean allowed = type.isPrimitive() || Throwable.class.isAssignableFrom(type)
                || type == StackTraceElement.class || name.startsWith("java.util.")
                || name.startsWith("java.lang.");
        return allowed ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    };

    private static Throwable deserializedFailure(byte[] serialized) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            in.setObjectInputFilter(FAILURES_ONLY);
            return (Throwable) in.readObject();
        } catch (InvalidClassException | ClassNotFoundException | ClassCastException e) {
            return new IllegalStateException("a broker reported a failure this client cannot read: " + e, e);
        }
    }
}
