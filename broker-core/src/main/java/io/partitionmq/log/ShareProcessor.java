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
    private RecordFilter filter;
    private long[] offsets;
    private AcknowledgeType type;
    private transient SharePartition changed;

    ShareProcessor() {
    }

    static ShareProcessor acquire(String group, String consumer, int maxRecords, long lockMillis, int maxDeliveries,
            RecordFilter filter) {
        ShareProcessor processor = new ShareProcessor();
        processor.group = group;
        processor.consumer = consumer;
        processor.maxRecords = maxRecords;
        processor.lockMillis = lockMillis;
        processor.maxDeliveries = maxDeliveries;
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

    @Override
    public ShareReply process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        if (log == null) {
            return ShareReply.none(offsets == null ? 0 : offsets.length);
        }
        SharePartition state = log.shareGroup(group);
        long now = System.currentTimeMillis();
        SharePartition.Outcome outcome = type == null
                ? state.acquire(log, consumer, maxRecords, now, lockMillis, maxDeliveries, filter)
                : state.acknowledge(consumer, offsets, type, now, maxDeliveries);
        entry.setValue(log);
        changed = state;
        return new ShareReply(log, outcome);
    }

    @Override
    public EntryProcessor<PartitionKey, PartitionLog, ShareReply> getBackupProcessor() {
        return changed == null ? null : new ApplyShareStateProcessor(group, changed);
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
        out.writeObject(filter);
        out.writeLongArray(offsets);
        out.writeString(type == null ? null : type.name());
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        group = in.readString();
        consumer = in.readString();
        maxRecords = in.readInt();
        lockMillis = in.readLong();
        maxDeliveries = in.readInt();
        filter = in.readObject();
        offsets = in.readLongArray();
        String typeName = in.readString();
        type = typeName == null ? null : AcknowledgeType.valueOf(typeName);
    }
}
