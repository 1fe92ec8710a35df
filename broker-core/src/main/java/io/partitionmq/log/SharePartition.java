package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One share group's state in one partition (queue semantics, in the spirit of Kafka's KIP-932): every offset
 * before {@code startOffset} is done; offsets from {@code nextOffset} on were never handed out; in between,
 * each offset is available, acquired by a consumer until its lock expires, acknowledged or archived.
 */
final class SharePartition implements IdentifiedDataSerializable {
    private static final byte AVAILABLE = 0;
    private static final byte ACQUIRED = 1;
    private static final byte ACKNOWLEDGED = 2;
    private static final byte ARCHIVED = 3;
    /** How many new records one acquisition may look at for a consumer whose filter skips them. */
    private static final int SCAN_LIMIT = 10_000;

    private long startOffset;
    private long nextOffset;
    private TreeMap<Long, InFlight> inFlight = new TreeMap<>();
    /**
     * Consumers waiting for records, oldest first. Only the leader's copy has them and they are never stored or
     * replicated: a new leader starts with none, and the consumers renew their wait, which bounds it anyway.
     */
    private LinkedHashMap<String, ShareWaiter> waiting;

    /** An offset between the start and the next offset that is not done yet. */
    private static final class InFlight {
        byte state;
        int deliveries;
        long lockedUntil;
        String consumer = "";
    }

    /** Every record before this offset is done with: acknowledged, or archived to the dead-letter topic. */
    long consumedBefore() {
        return startOffset;
    }

    static SharePartition startingAt(long offset) {
        SharePartition state = new SharePartition();
        state.startOffset = offset;
        state.nextOffset = offset;
        return state;
    }

    /**
     * What one acquisition or acknowledgement decided, for the caller, and whether the state changed (if not,
     * there is nothing to persist or replicate).
     */
    record Outcome(List<long[]> acquired, List<long[]> deadLettered, boolean[] acknowledged, boolean changed) {
    }

    /**
     * Hands up to {@code max} available records to {@code consumer}, locked for {@code lockMillis}: first those
     * released or whose lock expired, then new ones. A record whose deliveries reached {@code maxDeliveries} is
     * archived and reported as dead-lettered instead. Records the filter does not select stay available.
     * {@code ordered}: one record at a time, and none while another is locked. Returns {offset, delivery
     * count} pairs.
     */
    Outcome acquire(PartitionLog log, String consumer, int max, long now, long lockMillis, int maxDeliveries,
            boolean ordered, RecordFilter filter) {
        long startBefore = startOffset;
        long nextBefore = nextOffset;
        skipDeleted(log);
        if (ordered) {
            if (hasLocked(now)) {
                return new Outcome(List.of(), List.of(), new boolean[0], startOffset != startBefore);
            }
            max = 1;
        }
        List<long[]> acquired = new ArrayList<>();
        List<long[]> deadLettered = new ArrayList<>();
        for (Map.Entry<Long, InFlight> entry : inFlight.entrySet()) {
            if (acquired.size() >= max) {
                break;
            }
            InFlight record = entry.getValue();
            boolean expired = record.state == ACQUIRED && record.lockedUntil <= now;
            if (expired && record.deliveries >= maxDeliveries) {
                record.state = ARCHIVED;
                deadLettered.add(new long[] {entry.getKey(), record.deliveries});
            } else if ((record.state == AVAILABLE || expired)
                    && selects(filter, log, entry.getKey(), record.deliveries + 1, now)) {
                lock(record, consumer, now + lockMillis);
                acquired.add(new long[] {entry.getKey(), record.deliveries});
            }
        }
        int scanned = 0;
        while (acquired.size() < max && scanned < SCAN_LIMIT && nextOffset < log.nextOffset()) {
            for (Record record : log.recordsFrom(nextOffset, max - acquired.size())) {
                if (acquired.size() >= max) {
                    break;
                }
                InFlight state = new InFlight();
                if (selects(filter, record, 1, now)) {
                    lock(state, consumer, now + lockMillis);
                    acquired.add(new long[] {record.offset(), state.deliveries});
                }
                inFlight.put(record.offset(), state);
                nextOffset = record.offset() + 1;
                scanned++;
            }
        }
        advanceStart();
        boolean changed = !acquired.isEmpty() || !deadLettered.isEmpty() || startOffset != startBefore
                || nextOffset != nextBefore;
        return new Outcome(acquired, deadLettered, new boolean[0], changed);
    }

    /** The consumer waits (until {@code waiter.until()}) to be handed what it can take as soon as there is some. */
    void await(ShareWaiter waiter) {
        if (waiting == null) {
            waiting = new LinkedHashMap<>();
        }
        waiting.remove(waiter.consumer());
        waiting.put(waiter.consumer(), waiter);
    }

    /** The consumer no longer waits: it asked again, or it left. */
    void stopWaiting(String consumer) {
        if (waiting != null) {
            waiting.remove(consumer);
        }
    }

    /**
     * Acquires for the waiting consumers, in turn, what each can take now. A consumer keeps waiting, at the back
     * of the line, until it has been handed as many records as it asked for; one whose wait ran out is
     * forgotten. Returns what each served consumer acquired.
     */
    List<Handed> handToWaiting(PartitionLog log, long now) {
        if (waiting == null || waiting.isEmpty()) {
            return List.of();
        }
        List<Handed> handed = new ArrayList<>();
        List<ShareWaiter> stillWaiting = new ArrayList<>();
        Iterator<ShareWaiter> waiters = waiting.values().iterator();
        while (waiters.hasNext()) {
            ShareWaiter waiter = waiters.next();
            if (waiter.until() <= now) {
                waiters.remove();
                continue;
            }
            Outcome outcome = acquire(log, waiter.consumer(), waiter.max(), now, waiter.lockMillis(),
                    waiter.maxDeliveries(), waiter.ordered(), waiter.filter());
            if (!outcome.acquired().isEmpty() || !outcome.deadLettered().isEmpty()) {
                waiters.remove();
                int left = waiter.max() - outcome.acquired().size();
                if (left > 0) {
                    stillWaiting.add(waiter.taking(left));
                }
                handed.add(new Handed(waiter, outcome, left <= 0));
            }
            if (!hasAvailable(log)) {
                break;
            }
        }
        stillWaiting.forEach(waiter -> waiting.put(waiter.consumer(), waiter));
        return handed;
    }

    /** What {@link #handToWaiting} acquired for one waiting consumer, and whether that ended its wait. */
    record Handed(ShareWaiter waiter, Outcome outcome, boolean waitEnded) {
    }

    /**
     * Whether a consumer could be handed anything now or later without a new append: records past those looked
     * at, or ones released, returned or waiting for their delivery time.
     */
    boolean hasAvailable(PartitionLog log) {
        if (nextOffset < log.nextOffset()) {
            return true;
        }
        for (InFlight record : inFlight.values()) {
            if (record.state == AVAILABLE) {
                return true;
            }
        }
        return false;
    }

    private boolean hasLocked(long now) {
        for (InFlight record : inFlight.values()) {
            if (record.state == ACQUIRED && record.lockedUntil > now) {
                return true;
            }
        }
        return false;
    }

    private static void lock(InFlight record, String consumer, long until) {
        record.state = ACQUIRED;
        record.deliveries++;
        record.lockedUntil = until;
        record.consumer = consumer;
    }

    /** Whether the record is due and the filter selects it for its {@code delivery}th delivery. */
    private static boolean selects(RecordFilter filter, PartitionLog log, long offset, int delivery, long now) {
        return selects(filter, log.record(offset), delivery, now);
    }

    private static boolean selects(RecordFilter filter, Record record, int delivery, long now) {
        return due(record, now) && (filter == null || filter.matches(record, delivery));
    }

    /** A record with a delivery time in the future stays available until then. */
    private static boolean due(Record record, long now) {
        return !(record.headers().get(ShareGroups.DELIVERY_TIME) instanceof Long time) || time <= now;
    }

    /**
     * Applies a consumer's acknowledgements; only records it holds, with the lock still valid, can be
     * acknowledged. A released record that reached {@code maxDeliveries}, and a rejected one, is archived and
     * reported as dead-lettered.
     */
    Outcome acknowledge(String consumer, long[] offsets, AcknowledgeType type, long now, int maxDeliveries) {
        boolean[] done = new boolean[offsets.length];
        boolean changed = false;
        List<long[]> deadLettered = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            InFlight record = inFlight.get(offsets[i]);
            if (record == null || record.state != ACQUIRED || !record.consumer.equals(consumer)
                    || record.lockedUntil <= now) {
                continue;
            }
            done[i] = true;
            changed = true;
            switch (type) {
                case ACCEPT -> record.state = ACKNOWLEDGED;
                case RELEASE -> {
                    if (record.deliveries >= maxDeliveries) {
                        record.state = ARCHIVED;
                        deadLettered.add(new long[] {offsets[i], record.deliveries});
                    } else {
                        record.state = AVAILABLE;
                    }
                }
                case REJECT -> {
                    record.state = ARCHIVED;
                    deadLettered.add(new long[] {offsets[i], record.deliveries});
                }
                case RETURN -> {
                    record.state = AVAILABLE;
                    record.deliveries--;
                }
            }
            record.consumer = "";
        }
        advanceStart();
        return new Outcome(List.of(), deadLettered, done, changed);
    }

    /**
     * The records a consumer could acquire now, from {@code fromOffset} on, without acquiring them (a queue
     * browser): released or lock-expired ones and those never delivered, in offset order. Returns {offset,
     * deliveries so far} pairs.
     */
    List<long[]> available(PartitionLog log, long fromOffset, int max, long now, RecordFilter filter) {
        List<long[]> found = new ArrayList<>();
        long from = Math.max(fromOffset, Math.max(startOffset, log.startOffset()));
        for (Map.Entry<Long, InFlight> entry : inFlight.tailMap(from, true).entrySet()) {
            InFlight record = entry.getValue();
            boolean free = record.state == AVAILABLE || (record.state == ACQUIRED && record.lockedUntil <= now);
            if (found.size() < max && free && selects(filter, log, entry.getKey(), record.deliveries + 1, now)) {
                found.add(new long[] {entry.getKey(), record.deliveries});
            }
        }
        long position = Math.max(from, nextOffset);
        while (found.size() < max && position < log.nextOffset()) {
            for (Record record : log.recordsFrom(position, max - found.size())) {
                if (found.size() < max && selects(filter, record, 1, now)) {
                    found.add(new long[] {record.offset(), 0});
                }
                position = record.offset() + 1;
            }
        }
        return found;
    }

    /**
     * {start offset, next offset never handed out, records locked to a consumer now, records a consumer could
     * acquire now (released, lock expired, or never handed out up to {@code logEnd})}.
     */
    long[] summary(long logEnd, long now) {
        long acquired = 0;
        long available = Math.max(0, logEnd - nextOffset);
        for (InFlight record : inFlight.values()) {
            if (record.state == ACQUIRED && record.lockedUntil > now) {
                acquired++;
            } else if (record.state == AVAILABLE || record.state == ACQUIRED) {
                available++;
            }
        }
        return new long[] {startOffset, nextOffset, acquired, available};
    }

    /** Records deleted from the log (retention) can no longer be delivered. */
    private void skipDeleted(PartitionLog log) {
        if (startOffset < log.startOffset()) {
            startOffset = log.startOffset();
            inFlight.headMap(startOffset).clear();
        }
        nextOffset = Math.max(nextOffset, startOffset);
    }

    private void advanceStart() {
        Iterator<Map.Entry<Long, InFlight>> entries = inFlight.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Long, InFlight> first = entries.next();
            if (first.getValue().state != ACKNOWLEDGED && first.getValue().state != ARCHIVED) {
                startOffset = first.getKey();
                return;
            }
            entries.remove();
        }
        startOffset = nextOffset;
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.SHARE_PARTITION;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        write(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        read(in);
    }

    /** The state's bytes, for the wire and for the store alike. */
    void write(DataOutput out) throws IOException {
        out.writeLong(startOffset);
        out.writeLong(nextOffset);
        out.writeInt(inFlight.size());
        for (Map.Entry<Long, InFlight> entry : inFlight.entrySet()) {
            InFlight record = entry.getValue();
            out.writeLong(entry.getKey());
            out.writeByte(record.state);
            out.writeInt(record.deliveries);
            out.writeLong(record.lockedUntil);
            out.writeUTF(record.consumer);
        }
    }

    void read(DataInput in) throws IOException {
        startOffset = in.readLong();
        nextOffset = in.readLong();
        int count = in.readInt();
        inFlight = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            long offset = in.readLong();
            InFlight record = new InFlight();
            record.state = in.readByte();
            record.deliveries = in.readInt();
            record.lockedUntil = in.readLong();
            record.consumer = in.readUTF();
            inFlight.put(offset, record);
        }
    }
}
