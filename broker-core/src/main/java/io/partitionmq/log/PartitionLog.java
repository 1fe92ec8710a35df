package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The state of one log partition as its leader holds it: segments of batches in offset order, the offset range
 * and the topic's settings. It is only ever changed by entry processors on the partition's Hazelcast partition
 * thread, so offsets are assigned without locks. Every decision that depends on the clock (append time, a roll,
 * what retention deletes) is taken by the leader and replayed as a fact on the backups, so replicas never
 * diverge.
 */
final class PartitionLog implements IdentifiedDataSerializable {
    private long startOffset;
    private long nextOffset;
    private long lastAppendTime;
    private int leaderEpoch;
    private String leader = "";
    private TopicConfig config;
    private ArrayList<LogSegment> segments = new ArrayList<>();
    private HashMap<String, SharePartition> shareGroups = new HashMap<>();
    /** In memory and replicated, not on disk: a retry does not outlive a full cluster restart. */
    private final ProducerSequences producerSequences = new ProducerSequences();
    /**
     * The log end when a share group last changed in a way no reader needs to hear of (records acquired or
     * accepted); -1 after any other change. Leader-local, for {@link AppendAnnounced}: not replicated or stored.
     */
    private long quietAt = -1;
    /** Readers waiting at the log end to be pushed the next append, by reader. Leader-local, like quietAt. */
    private LinkedHashMap<String, ReadWaiter> readers;

    PartitionLog() {
    }

    PartitionLog(TopicConfig config) {
        this.config = config;
        segments.add(new LogSegment(0));
    }

    /** The log as a store kept it; the next append by any leader starts a new epoch. */
    static PartitionLog restore(LogStore.StoredPartition stored) {
        LogStore.PartitionCheckpoint checkpoint = stored.checkpoint();
        PartitionLog log = new PartitionLog(checkpoint.config());
        log.segments.clear();
        log.leaderEpoch = checkpoint.leaderEpoch();
        restoring:
        for (LogStore.StoredSegment storedSegment : stored.segments()) {
            LogSegment segment = new LogSegment(storedSegment.baseOffset());
            log.segments.add(segment);
            for (RecordBatch batch : storedSegment.batches()) {
                if (log.nextOffset != 0 && batch.baseOffset() != log.nextOffset) {
                    break restoring; // a damaged file left a gap: keep the log up to it, never past it
                }
                segment.add(batch);
                log.nextOffset = batch.nextOffset();
                log.lastAppendTime = batch.appendTime();
                log.leaderEpoch = Math.max(log.leaderEpoch, batch.leaderEpoch());
            }
        }
        log.segments.removeIf(segment -> segment.isEmpty() && log.segments.size() > 1);
        if (log.segments.isEmpty()) {
            log.nextOffset = checkpoint.startOffset();
            log.segments.add(new LogSegment(log.nextOffset));
        }
        log.startOffset = Math.min(checkpoint.startOffset(), log.nextOffset);
        log.truncateBefore(log.startOffset);
        log.restoreShareGroups(stored.shareGroups());
        for (LogStore.StoredSegment segment : stored.segments()) {
            for (RecordBatch batch : segment.batches()) {
                LogStore.ProducerStamp stamp = stored.stamps().get(batch.baseOffset());
                if (stamp != null && batch.baseOffset() < log.nextOffset) {
                    log.producerSequences.record(stamp.producer(), new ProducerSequences.Appended(stamp.sequence(),
                            batch.baseOffset(), batch.appendTime()));
                }
            }
        }
        return log;
    }

    /** The whole replica, for a store that must write it anew. */
    LogStore.StoredPartition toStored() {
        List<LogStore.StoredSegment> stored = new ArrayList<>(segments.size());
        for (LogSegment segment : segments) {
            stored.add(new LogStore.StoredSegment(segment.baseOffset(), segment.allBatches()));
        }
        return new LogStore.StoredPartition(checkpoint(), stored, shareGroupsState(), producerSequences.stamps());
    }

    LogStore.PartitionCheckpoint checkpoint() {
        return new LogStore.PartitionCheckpoint(startOffset, leaderEpoch, config);
    }

    /**
     * Whether this replica should replace {@code other} after a restart: the one whose last batch comes from the
     * later leader epoch wins (the other may hold batches a failed leader never had acknowledged), then the
     * longer one.
     */
    boolean supersedes(PartitionLog other) {
        int mine = lastBatchEpoch();
        int theirs = other.lastBatchEpoch();
        return mine != theirs ? mine > theirs : nextOffset > other.nextOffset;
    }

    private int lastBatchEpoch() {
        for (int s = segments.size() - 1; s >= 0; s--) {
            if (!segments.get(s).isEmpty()) {
                return segments.get(s).lastEpoch();
            }
        }
        return -1;
    }

    /** Makes {@code member} the leader appending to this log; a new leader starts a new epoch. */
    void leadBy(String member) {
        if (!member.equals(leader)) {
            leader = member;
            leaderEpoch++;
        }
    }

    long activeSegmentBase() {
        return active().baseOffset();
    }

    long startOffset() {
        return startOffset;
    }

    /**
     * A share group changed: its watchers are woken only if {@code othersCanTake} (records released, returned,
     * or still not handed out); an acquisition or acceptance that leaves nothing to take wakes nobody.
     */
    void shareGroupChanged(boolean othersCanTake) {
        quietAt = othersCanTake ? -1 : nextOffset;
    }

    /** Whether the last change is one readers should hear of: records appended since, or not a quiet change. */
    boolean announces() {
        return quietAt != nextOffset;
    }

    long nextOffset() {
        return nextOffset;
    }

    TopicConfig config() {
        return config;
    }

    void configure(TopicConfig changed) {
        this.config = changed;
    }

    long sizeInBytes() {
        return segments.stream().mapToLong(LogSegment::sizeInBytes).sum();
    }

    /** The bytes of batches this replica keeps in memory. */
    long heldBytes() {
        return segments.stream().mapToLong(LogSegment::heldBytes).sum();
    }

    /**
     * Once the replica keeps more than {@code limit} bytes of batches in memory, lets the oldest go down to half
     * of it, as far as {@code store} holds them and can read them back. Returns the bytes let go.
     */
    long releaseHeld(long limit, LogStore store, PartitionKey key) {
        long held = heldBytes();
        if (held <= limit) {
            return 0;
        }
        long toFree = held - limit / 2;
        long freed = 0;
        for (LogSegment segment : segments) {
            if (freed >= toFree) {
                break;
            }
            if (segment.heldBytes() == 0) {
                continue;
            }
            long upTo = segment.heldOffsetFreeing(toFree - freed);
            SegmentReader reader = store.reader(key, segment.baseOffset(), upTo);
            if (reader == null) {
                break;
            }
            freed += segment.release(reader, upTo);
        }
        return freed;
    }

    private LogSegment active() {
        return segments.get(segments.size() - 1);
    }

    /** Whether an append of this payload, now, opens a new segment first. */
    boolean rollsBefore(byte[] payload, long appendTime) {
        return active().shouldRollBefore(payload.length, RecordCodec.count(payload), appendTime, config);
    }

    /** The append time the next batch gets: the clock, but never earlier than the previous batch's. */
    long nextAppendTime(long now) {
        return Math.max(now, lastAppendTime);
    }

    /** Appends a batch at the log end; {@code roll} opens a new segment for it first. */
    RecordBatch append(byte[] payload, long appendTime, boolean roll) {
        RecordBatch batch = new RecordBatch(nextOffset, RecordCodec.count(payload), appendTime, leaderEpoch,
                payload);
        add(batch, roll);
        return batch;
    }

    /**
     * Applies a batch the leader appended (on a backup replica). A batch already held is ignored, so applying is
     * idempotent; a batch beyond the log end would leave a gap and is refused.
     */
    void apply(RecordBatch batch, boolean roll) {
        if (batch.baseOffset() < nextOffset) {
            return;
        }
        if (batch.baseOffset() > nextOffset) {
            throw new IllegalStateException("batch at offset " + batch.baseOffset() + " would leave a gap after "
                    + nextOffset);
        }
        add(batch, roll);
    }

    private void add(RecordBatch batch, boolean roll) {
        if (roll && !active().isEmpty()) {
            segments.add(new LogSegment(nextOffset));
        }
        active().add(batch);
        nextOffset = batch.nextOffset();
        lastAppendTime = batch.appendTime();
        leaderEpoch = Math.max(leaderEpoch, batch.leaderEpoch());
    }

    /**
     * The offset retention moves the log start to, now: past every segment whose records are all older than
     * retention.ms, and past the oldest segments for as long as the rest still holds retention.bytes. Under the
     * {@code consumed} policy also past every segment that all groups reading the partition have consumed:
     * its share groups, and the consumer groups, whose lowest committed offset here is {@code groupsConsumedBefore}
     * ({@link Long#MAX_VALUE} if none reads it; {@link #CONSUMPTION_UNKNOWN} if that is not known now, and then
     * consumption moves nothing).
     */
    long retentionStart(long now, long groupsConsumedBefore) {
        long consumed = consumedByAll(groupsConsumedBefore);
        long newStart = startOffset;
        long size = sizeInBytes();
        for (LogSegment segment : segments) {
            if (segment.isEmpty()) {
                break;
            }
            boolean expired = config.retentionMs() >= 0 && segment.lastAppendTime() < now - config.retentionMs();
            boolean oversize = config.retentionBytes() >= 0 && size - segment.sizeInBytes() >= config.retentionBytes();
            if (!expired && !oversize && segment.nextOffset() > consumed) {
                break;
            }
            newStart = segment.nextOffset();
            size -= segment.sizeInBytes();
        }
        return newStart;
    }

    static final long CONSUMPTION_UNKNOWN = -1;

    /** The offset before which every group has consumed this partition; -1 if the policy does not apply. */
    private long consumedByAll(long groupsConsumedBefore) {
        if (config.retentionPolicy() != TopicConfig.RetentionPolicy.CONSUMED
                || groupsConsumedBefore == CONSUMPTION_UNKNOWN) {
            return -1;
        }
        long consumed = groupsConsumedBefore;
        for (SharePartition group : shareGroups.values()) {
            consumed = Math.min(consumed, group.consumedBefore());
        }
        // No group at all: nobody has consumed anything yet.
        return consumed == Long.MAX_VALUE ? -1 : consumed;
    }

    /**
     * Moves the log start to {@code offset} (never backwards, never past the end) and drops the segments wholly
     * before it; an emptied log keeps one empty segment at its end.
     */
    void truncateBefore(long offset) {
        startOffset = Math.max(startOffset, Math.min(offset, nextOffset));
        while (!segments.isEmpty() && segments.get(0).nextOffset() <= startOffset && !segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        if (segments.isEmpty()) {
            segments.add(new LogSegment(nextOffset));
        }
    }

    /** The batches that hold the records from {@code fromOffset} on, up to at least {@code maxRecords} of them. */
    PartitionSlice read(long fromOffset, int maxRecords) {
        List<RecordBatch> found = new ArrayList<>();
        if (maxRecords > 0 && fromOffset >= startOffset && fromOffset < nextOffset) {
            int records = 0;
            for (int s = indexOfSegmentHolding(fromOffset); s < segments.size() && records < maxRecords; s++) {
                records += segments.get(s).collect(fromOffset, maxRecords - records, found);
            }
        }
        return new PartitionSlice(startOffset, nextOffset, segments.size(), sizeInBytes(), heldBytes(), found);
    }

    /** The reader waits (until {@code waiter.until()}) to be pushed what is appended from its offset on. */
    void awaitRead(ReadWaiter waiter) {
        if (readers == null) {
            readers = new LinkedHashMap<>();
        }
        readers.put(waiter.reader(), waiter);
    }

    /**
     * After an append: what each waiting reader would have fetched now, which ends its wait. Waits that ran out
     * are dropped.
     */
    List<ReadPush> handToReaders(PartitionKey key, long now) {
        if (readers == null || readers.isEmpty()) {
            return List.of();
        }
        List<ReadPush> pushes = new ArrayList<>(readers.size());
        Map<String, ReadWaiter> waited = readers;
        readers = new LinkedHashMap<>();
        // Readers with selectors mostly wait at the same offset: the records they look at are decoded once.
        Map<Look, List<Record>> decoded = new HashMap<>();
        for (ReadWaiter waiter : waited.values()) {
            if (waiter.until() > now) {
                PartitionSlice slice = waiter.filter() == null ? read(waiter.fromOffset(), waiter.maxRecords())
                        : selected(waiter.fromOffset(), decoded.computeIfAbsent(
                                new Look(waiter.fromOffset(), waiter.maxRecords()), this::lookAt), waiter.filter());
                if (slice.batches().isEmpty()) {
                    // The filter selected none of it: nothing crosses the network, the wait goes on past it.
                    awaitRead(waiter.from(slice.nextOffsetOfEmptyRead(waiter.fromOffset())));
                } else {
                    pushes.add(new ReadPush(key, waiter, slice));
                }
            }
        }
        return pushes;
    }

    /**
     * The records from {@code fromOffset} on that {@code filter} selects (null: all), among the first
     * {@code maxRecords}: runs of them cut from their batches, so only those travel to the reader. The slice says
     * where the look stopped.
     */
    PartitionSlice readSelected(long fromOffset, int maxRecords, RecordFilter filter) {
        return filter == null ? read(fromOffset, maxRecords)
                : selected(fromOffset, lookAt(new Look(fromOffset, maxRecords)), filter);
    }

    /** Where a filtered read looks: the first {@code maxRecords} records from {@code fromOffset}. */
    private record Look(long fromOffset, int maxRecords) {
    }

    private List<Record> lookAt(Look look) {
        return look.fromOffset() >= startOffset ? recordsFrom(look.fromOffset(), look.maxRecords()) : List.of();
    }

    /** What {@code filter} selects of {@code looked} (the records from {@code fromOffset} on), as a slice. */
    private PartitionSlice selected(long fromOffset, List<Record> looked, RecordFilter filter) {
        TreeSet<Long> selected = new TreeSet<>();
        for (Record record : looked) {
            if (filter.matches(record)) {
                selected.add(record.offset());
            }
        }
        long scannedTo = looked.isEmpty() ? fromOffset : looked.get(looked.size() - 1).offset() + 1;
        return new PartitionSlice(startOffset, nextOffset, segments.size(), sizeInBytes(), heldBytes(),
                slicesOf(selected)).scannedTo(scannedTo);
    }

    /** The batch holding {@code offset}, which must lie between the start and the end of the log. */
    RecordBatch batchHolding(long offset) {
        return segments.get(indexOfSegmentHolding(offset)).batchHolding(offset);
    }

    /**
     * The records at {@code offsets} (ascending, each between the start and the end of the log) as runs of
     * consecutive offsets cut from their batches: only those records travel to a reader.
     */
    List<RecordBatch> slicesOf(SortedSet<Long> offsets) {
        List<RecordBatch> slices = new ArrayList<>();
        RecordBatch batch = null;
        long runStart = -1;
        long runEnd = -1;
        for (long offset : offsets) {
            if (batch != null && offset == runEnd && offset < batch.nextOffset()) {
                runEnd++;
                continue;
            }
            if (batch != null) {
                slices.add(RecordCodec.slice(batch, runStart, runEnd));
            }
            if (batch == null || offset >= batch.nextOffset()) {
                batch = batchHolding(offset);
            }
            runStart = offset;
            runEnd = offset + 1;
        }
        if (batch != null) {
            slices.add(RecordCodec.slice(batch, runStart, runEnd));
        }
        return slices;
    }

    /** The record at {@code offset}, decoded. */
    Record record(long offset) {
        return RecordCodec.decode(batchHolding(offset), offset, 1).get(0);
    }

    /** Up to {@code max} records from {@code offset} on, decoded (only those). */
    List<Record> recordsFrom(long offset, int max) {
        List<Record> records = new ArrayList<>();
        for (RecordBatch batch : read(offset, max).batches()) {
            records.addAll(RecordCodec.decode(batch, Math.max(offset, batch.baseOffset()), max - records.size()));
            if (records.size() >= max) {
                break;
            }
        }
        return records;
    }

    /** A share group's state in this partition, created empty (starting at the log start) on first use. */
    SharePartition shareGroup(String group) {
        return shareGroups.computeIfAbsent(group, g -> new SharePartition());
    }

    /** Each share group's {@link SharePartition#summary} in this partition. */
    HashMap<String, long[]> shareGroupSummaries(long now) {
        HashMap<String, long[]> summaries = new HashMap<>();
        shareGroups.forEach((group, state) -> summaries.put(group, state.summary(nextOffset, now)));
        return summaries;
    }

    void forEachShareGroup(BiConsumer<String, SharePartition> action) {
        shareGroups.forEach(action);
    }

    boolean hasShareGroup(String group) {
        return shareGroups.containsKey(group);
    }

    /** Creates a share group that starts at the log end: it will see only records appended from now on. */
    SharePartition shareGroupAtEnd(String group) {
        SharePartition state = SharePartition.startingAt(nextOffset);
        shareGroups.put(group, state);
        return state;
    }

    void removeShareGroup(String group) {
        shareGroups.remove(group);
    }

    void replaceShareGroup(String group, SharePartition state) {
        shareGroups.put(group, state);
    }

    /** The offset of the first record appended at or after {@code timestamp}, or -1 if there is none. */
    long offsetForTimestamp(long timestamp) {
        for (int s = indexOfFirstSegmentEndingAtOrAfter(timestamp); s < segments.size(); s++) {
            RecordBatch batch = segments.get(s).firstBatchAtOrAfter(timestamp);
            if (batch != null) {
                return Math.max(batch.baseOffset(), startOffset);
            }
        }
        return -1;
    }

    private int indexOfSegmentHolding(long offset) {
        int low = 0;
        int high = segments.size() - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (segments.get(middle).baseOffset() <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private int indexOfFirstSegmentEndingAtOrAfter(long timestamp) {
        int low = 0;
        int high = segments.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            LogSegment segment = segments.get(middle);
            if (!segment.isEmpty() && segment.lastAppendTime() < timestamp) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.PARTITION_LOG;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(startOffset);
        out.writeLong(nextOffset);
        out.writeLong(lastAppendTime);
        out.writeInt(leaderEpoch);
        out.writeString(leader);
        TopicConfig.write(out, config);
        out.writeInt(segments.size());
        for (LogSegment segment : segments) {
            segment.writeData(out);
        }
        writeShareGroups(out);
        producerSequences.write(out);
    }

    /** Recent appends by producer, to recognise an append sent again. */
    ProducerSequences producerSequences() {
        return producerSequences;
    }

    private void writeShareGroups(DataOutput out) throws IOException {
        out.writeInt(shareGroups.size());
        for (Map.Entry<String, SharePartition> group : shareGroups.entrySet()) {
            out.writeUTF(group.getKey());
            group.getValue().write(out);
        }
    }

    private void readShareGroups(DataInput in) throws IOException {
        int groups = in.readInt();
        shareGroups = new HashMap<>(groups * 2);
        for (int i = 0; i < groups; i++) {
            String group = in.readUTF();
            SharePartition state = new SharePartition();
            state.read(in);
            shareGroups.put(group, state);
        }
    }

    /** The share groups' state as bytes, for the store. */
    byte[] shareGroupsState() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeShareGroups(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void restoreShareGroups(byte[] state) {
        if (state == null || state.length == 0) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            readShareGroups(in);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt share group state", e);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        startOffset = in.readLong();
        nextOffset = in.readLong();
        lastAppendTime = in.readLong();
        leaderEpoch = in.readInt();
        leader = in.readString();
        config = TopicConfig.read(in);
        int count = in.readInt();
        segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LogSegment segment = new LogSegment();
            segment.readData(in);
            segments.add(segment);
        }
        readShareGroups(in);
        producerSequences.read(in);
    }
}
