package io.partitionmq.group;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * Committed offsets per (group, topic, partition): the offset of the next record the group will consume.
 * Commits are compare-and-set, so competing consumers of one group never both take the same record.
 */
public final class GroupOffsets {
    public static final String OFFSETS_MAP = "pmq.offsets";
    /** The committed offset of a group that has never committed. */
    public static final long NONE = -1;

    private final IMap<OffsetKey, Long> offsets;

    public GroupOffsets(HazelcastInstance hazelcast) {
        this.offsets = hazelcast.getMap(OFFSETS_MAP);
    }

    public long committed(String group, String topic, int partition) {
        Long offset = offsets.get(new OffsetKey(group, topic, partition));
        return offset == null ? NONE : offset;
    }

    /** Commits {@code next} if the committed offset is still {@code expected} ({@link #NONE} for none). */
    public boolean commitIfUnchanged(String group, String topic, int partition, long expected, long next) {
        OffsetKey key = new OffsetKey(group, topic, partition);
        return expected == NONE ? offsets.putIfAbsent(key, next) == null : offsets.replace(key, expected, next);
    }
}
