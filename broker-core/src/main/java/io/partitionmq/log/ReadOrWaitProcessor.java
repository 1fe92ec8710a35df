package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * A read on the partition's leader that, at the log end, leaves the reader waiting there to be pushed the next
 * append ({@link ReadWaiter}). Not read-only, as registering the wait changes the leader's copy; it sets no value,
 * so nothing is backed up or announced.
 */
final class ReadOrWaitProcessor implements EntryProcessor<PartitionKey, PartitionLog, PartitionSlice>,
        HazelcastInstanceAware, IdentifiedDataSerializable {
    private long fromOffset;
    private int maxRecords;
    private String reader;
    private String pushTo;
    private long waitMillis;
    private RecordFilter filter;
    private transient TrafficMeter meter;

    ReadOrWaitProcessor() {
    }

    ReadOrWaitProcessor(long fromOffset, int maxRecords, RecordFilter filter, String reader, String pushTo,
            long waitMillis) {
        this.filter = filter;
        this.fromOffset = fromOffset;
        this.maxRecords = maxRecords;
        this.reader = reader;
        this.pushTo = pushTo;
        this.waitMillis = waitMillis;
    }

    @Override
    public PartitionSlice process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        if (log == null) {
            return PartitionSlice.empty();
        }
        PartitionSlice slice = log.readSelected(fromOffset, maxRecords, filter);
        ReadProcessor.countDelivered(meter, entry.getKey().topic(), slice, fromOffset, maxRecords);
        if (waitMillis <= 0 || !slice.batches().isEmpty()) {
            return slice;
        }
        long next = slice.nextOffsetOfEmptyRead(fromOffset);
        if (next == slice.endOffset()) {
            log.awaitRead(new ReadWaiter(reader, pushTo, next, next, maxRecords, filter,
                    System.currentTimeMillis() + waitMillis));
            return slice.waiting();
        }
        return slice;
    }

    @Override
    public EntryProcessor<PartitionKey, PartitionLog, PartitionSlice> getBackupProcessor() {
        return null;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        meter = TrafficMeter.of(member);
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.READ_OR_WAIT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(fromOffset);
        out.writeInt(maxRecords);
        out.writeString(reader);
        out.writeString(pushTo);
        out.writeLong(waitMillis);
        out.writeObject(filter);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        fromOffset = in.readLong();
        maxRecords = in.readInt();
        reader = in.readString();
        pushTo = in.readString();
        waitMillis = in.readLong();
        filter = in.readObject();
    }
}
