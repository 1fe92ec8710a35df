package io.partitionmq.log;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Acquires records for, or applies the acknowledgements of, a share-group consumer on the partition's leader.
 * The leader decides with its clock; the backups then take over the group's resulting state
 * ({@link ApplyShareStateProcessor}).
 */
final class ShareProcessor extends ReplicaProcessor<ShareReply> {
    private String group;
    private String consumer;
    private int maxRecords;
    private long lockMillis;
    private int maxDeliveries;
    private boolean ordered;
    private RecordFilter filter;
    private long waitMillis;
    private String pushTo;
    private long[] offsets;
    private AcknowledgeType type;
    private byte lifecycle;
    private transient SharePartition changed;
    private transient boolean deleted;
    private transient ShareHandover handover = ShareHandover.NONE;

    private static final byte CREATE_AT_END = 1;
    private static final byte DELETE = 2;

    ShareProcessor() {
    }

    /**
     * @param waitMillis if nothing can be acquired now, how long the consumer waits to be pushed records as they
     *                   come (to the topic {@code pushTo}); 0 for not at all
     */
    static ShareProcessor acquire(String group, String consumer, int maxRecords, long lockMillis, int maxDeliveries,
            boolean ordered, RecordFilter filter, long waitMillis, String pushTo) {
        ShareProcessor processor = new ShareProcessor();
        processor.waitMillis = waitMillis;
        processor.pushTo = pushTo;
        processor.group = group;
        processor.consumer = consumer;
        processor.maxRecords = maxRecords;
        processor.lockMillis = lockMillis;
        processor.maxDeliveries = maxDeliveries;
        processor.ordered = ordered;
        processor.filter = filter;
        return processor;
    }

    static ShareProcessor acknowledge(String group, String consumer, long[] offsets, AcknowledgeType type,
            int maxDeliveries) {
        ShareProcessor processor = new ShareProcessor();
        processor.group = group;
        processor.consumer = consumer;
        processor.offsets = offsets;
        processor.type = type;
        processor.maxDeliveries = maxDeliveries;
        return processor;
    }

    /** Creates the group's state starting at the log end, unless it exists: it sees only later records. */
    static ShareProcessor createAtEnd(String group) {
        ShareProcessor processor = new ShareProcessor();
        processor.group = group;
        processor.lifecycle = CREATE_AT_END;
        return processor;
    }

    /** Forgets the group's state in the partition. */
    static ShareProcessor delete(String group) {
        ShareProcessor processor = new ShareProcessor();
        processor.group = group;
        processor.lifecycle = DELETE;
        return processor;
    }

    @Override
    public ShareReply process(Map.Entry<PartitionKey, PartitionLog> entry) {
        MinimumClusterSize.require(member(), entry.getKey());
        PartitionLog log = entry.getValue();
        if (log == null) {
            return ShareReply.partitionMissing(offsets == null ? 0 : offsets.length);
        }
        if (lifecycle != 0) {
            boolean exists = log.hasShareGroup(group);
            if (lifecycle == CREATE_AT_END && !exists) {
                changed = log.shareGroupAtEnd(group);
            } else if (lifecycle == DELETE && exists) {
                log.removeShareGroup(group);
                deleted = true;
            }
            if (changed != null || deleted) {
                log.shareGroupChanged(false);
                entry.setValue(log);
                store().saveShareGroups(entry.getKey(), log.shareGroupsState());
            }
            return ShareReply.none(0);
        }
        SharePartition state = log.shareGroup(group);
        long now = System.currentTimeMillis();
        // Asking again, or giving records back, ends a wait: a push must not overtake what this reply carries.
        // (Accepting does not: acceptances travel on their own, and may land after the consumer started waiting.)
        if (type == null || type == AcknowledgeType.RETURN) {
            state.stopWaiting(consumer);
        }
        SharePartition.Outcome outcome = type == null
                ? state.acquire(log, consumer, maxRecords, now, lockMillis, maxDeliveries, ordered, filter)
                : state.acknowledge(consumer, offsets, type, now, maxDeliveries);
        boolean waits = type == null && waitMillis > 0 && outcome.acquired().isEmpty()
                && outcome.deadLettered().isEmpty();
        if (waits) {
            state.await(new ShareWaiter(consumer, pushTo, maxRecords, lockMillis, maxDeliveries, ordered, filter,
                    now + waitMillis));
        }
        if (outcome.changed()) {
            // Records this change freed go to the group's waiting consumers in the same operation.
            if (type != null && state.hasAvailable(log)) {
                handover = ShareHandover.ofGroup(log, entry.getKey(), group, state, now);
            }
            log.shareGroupChanged(state.hasAvailable(log));
            entry.setValue(log);
            store().saveShareGroups(entry.getKey(), log.shareGroupsState());
            changed = state;
            push(handover, entry.getKey(), false);
        }
        ShareReply reply = new ShareReply(log, outcome, waits);
        TrafficMeter meter = TrafficMeter.of(member());
        if (meter != null && !outcome.acquired().isEmpty()) {
            meter.delivered(entry.getKey().topic(), outcome.acquired().size(), reply.batchBytes());
        }
        return reply;
    }

    @Override
    public EntryProcessor<PartitionKey, PartitionLog, ShareReply> getBackupProcessor() {
        if (deleted) {
            return new ApplyShareStateProcessor(group, null);
        }
        return changed == null ? null : new ApplyShareStateProcessor(group, changed, handover);
    }

    @Override
    public int getClassId() {
        return LogTypes.SHARE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(group);
        out.writeString(consumer);
        out.writeInt(maxRecords);
        out.writeLong(lockMillis);
        out.writeInt(maxDeliveries);
        out.writeBoolean(ordered);
        out.writeObject(filter);
        out.writeLongArray(offsets);
        out.writeString(type == null ? null : type.name());
        out.writeByte(lifecycle);
        out.writeLong(waitMillis);
        out.writeString(pushTo);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        group = in.readString();
        consumer = in.readString();
        maxRecords = in.readInt();
        lockMillis = in.readLong();
        maxDeliveries = in.readInt();
        ordered = in.readBoolean();
        filter = in.readObject();
        offsets = in.readLongArray();
        String typeName = in.readString();
        type = typeName == null ? null : AcknowledgeType.valueOf(typeName);
        lifecycle = in.readByte();
        waitMillis = in.readLong();
        pushTo = in.readString();
    }
}
