package io.partitionmq.log;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A topic's log settings, under Kafka's names where the concept is the same.
 *
 * @param retentionMs     segments whose records are all older are deleted; -1 keeps them forever
 * @param retentionBytes  a partition larger than this drops its oldest segments; -1 for no limit
 * @param segmentBytes    a segment rolls before an append would make it larger
 * @param segmentMs       a segment rolls once its first record is this old
 * @param maxMessageBytes the largest record batch an append may carry
 * @param retentionPolicy whether segments also go once every group has consumed them (see {@link RetentionPolicy})
 * @param segmentRecords  a segment rolls before an append would make it hold more records; -1 for no limit
 */
public record TopicConfig(long retentionMs, long retentionBytes, int segmentBytes, long segmentMs,
                          int maxMessageBytes, RetentionPolicy retentionPolicy, long segmentRecords)
        implements Serializable {
    /** When retention deletes segments besides {@code retention.ms} and {@code retention.bytes}. */
    public enum RetentionPolicy {
        /** Only by time and size, as Kafka does: readers may come back for what others consumed. */
        LIMITS,
        /**
         * Also once every group reading the partition (its share groups: queues and subscriptions; and consumer
         * groups) has consumed all of a segment's records, as a queue broker does; time and size still cap it.
         */
        CONSUMED;

        static RetentionPolicy parse(String value) {
            for (RetentionPolicy policy : values()) {
                if (policy.toString().equals(value == null ? null : value.trim())) {
                    return policy;
                }
            }
            throw new InvalidTopicException(RETENTION_POLICY + " must be 'limits' or 'consumed', got '" + value
                    + "'");
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String RETENTION_POLICY = "retention.policy";
    public static final String SEGMENT_RECORDS = "segment.records";
    public static final Set<String> KEYS = Set.of(RETENTION_MS, RETENTION_BYTES, SEGMENT_BYTES, SEGMENT_MS,
            MAX_MESSAGE_BYTES, RETENTION_POLICY, SEGMENT_RECORDS);

    /**
     * Kafka's defaults: 7 days retention, no size limit, 1 GiB or 7 day segments, about 1 MiB per batch, retention
     * by those limits only, no record limit per segment.
     */
    public static final TopicConfig KAFKA_DEFAULTS = new TopicConfig(604_800_000L, -1, 1_073_741_824,
            604_800_000L, 1_048_588, RetentionPolicy.LIMITS, -1);

    public TopicConfig {
        if (retentionMs < -1) {
            throw new InvalidTopicException(RETENTION_MS + " must be -1 (forever) or at least 0, got "
                    + retentionMs);
        }
        if (retentionBytes < -1) {
            throw new InvalidTopicException(RETENTION_BYTES + " must be -1 (no limit) or at least 0, got "
                    + retentionBytes);
        }
        if (segmentBytes < 14) {
            throw new InvalidTopicException(SEGMENT_BYTES + " must be at least 14, got " + segmentBytes);
        }
        if (segmentMs < 1) {
            throw new InvalidTopicException(SEGMENT_MS + " must be at least 1, got " + segmentMs);
        }
        if (maxMessageBytes < 0) {
            throw new InvalidTopicException(MAX_MESSAGE_BYTES + " must be at least 0, got " + maxMessageBytes);
        }
        if (segmentRecords < -1 || segmentRecords == 0) {
            throw new InvalidTopicException(SEGMENT_RECORDS + " must be -1 (no limit) or at least 1, got "
                    + segmentRecords);
        }
        if (retentionPolicy == null) {
            throw new InvalidTopicException(RETENTION_POLICY + " must be 'limits' or 'consumed'");
        }
    }

    /** These settings with the given ones changed; unknown keys and bad values are refused, naming them. */
    public TopicConfig with(Map<String, String> changes) {
        long retention = retentionMs;
        long retentionSize = retentionBytes;
        int segmentSize = segmentBytes;
        long segmentAge = segmentMs;
        int maxBatch = maxMessageBytes;
        RetentionPolicy policy = retentionPolicy;
        long segmentCount = segmentRecords;
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String key = change.getKey();
            switch (key) {
                case RETENTION_MS -> retention = parseLong(key, change.getValue());
                case RETENTION_BYTES -> retentionSize = parseLong(key, change.getValue());
                case SEGMENT_BYTES -> segmentSize = parseInt(key, change.getValue());
                case SEGMENT_MS -> segmentAge = parseLong(key, change.getValue());
                case MAX_MESSAGE_BYTES -> maxBatch = parseInt(key, change.getValue());
                case RETENTION_POLICY -> policy = RetentionPolicy.parse(change.getValue());
                case SEGMENT_RECORDS -> segmentCount = parseLong(key, change.getValue());
                default -> throw new InvalidTopicException("unknown topic config '" + key + "'; known are "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        }
        return new TopicConfig(retention, retentionSize, segmentSize, segmentAge, maxBatch, policy, segmentCount);
    }

    /** The settings as Kafka-named strings. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(RETENTION_MS, Long.toString(retentionMs));
        map.put(RETENTION_BYTES, Long.toString(retentionBytes));
        map.put(SEGMENT_BYTES, Integer.toString(segmentBytes));
        map.put(SEGMENT_MS, Long.toString(segmentMs));
        map.put(MAX_MESSAGE_BYTES, Integer.toString(maxMessageBytes));
        map.put(RETENTION_POLICY, retentionPolicy.toString());
        map.put(SEGMENT_RECORDS, Long.toString(segmentRecords));
        return map;
    }

    /** Writes the settings field by field: cheaper than Java serialization on every append. */
    static void write(DataOutput out, TopicConfig config) throws IOException {
        out.writeLong(config.retentionMs);
        out.writeLong(config.retentionBytes);
        out.writeInt(config.segmentBytes);
        out.writeLong(config.segmentMs);
        out.writeInt(config.maxMessageBytes);
        out.writeByte(config.retentionPolicy.ordinal());
        out.writeLong(config.segmentRecords);
    }

    static TopicConfig read(DataInput in) throws IOException {
        return new TopicConfig(in.readLong(), in.readLong(), in.readInt(), in.readLong(), in.readInt(),
                RetentionPolicy.values()[in.readByte()], in.readLong());
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidTopicException(key + " must be a whole number, got '" + value + "'");
        }
    }

    private static int parseInt(String key, String value) {
        long parsed = parseLong(key, value);
        if (parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE) {
            throw new InvalidTopicException(key + " must fit in 32 bits, got " + value);
        }
        return (int) parsed;
    }
}
