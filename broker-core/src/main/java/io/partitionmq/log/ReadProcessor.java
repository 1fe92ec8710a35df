package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/** Reads batches from an offset on the partition's leader, so only the requested batches cross the network. */
final class ReadProcessor extends LeaderRead<PartitionSlice> implements HazelcastInstanceAware {
    private long fromOffset;
    private int maxRecords;
    private transient TrafficMeter meter;

    ReadProcessor() {
    }

    ReadProcessor(long fromOffset, int maxRecords) {
        this.fromOffset = fromOffset;
        this.maxRecords = maxRecords;
    }

    @Override
    public PartitionSlice process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        if (log == null) {
            return PartitionSlice.empty();
        }
        PartitionSlice slice = log.read(fromOffset, maxRecords);
        countDelivered(meter, entry.getKey().topic(), slice, fromOffset, maxRecords);
        return slice;
    }

    /** Counts what a read from {@code fromOffset} hands a reader as delivered from the topic. */
    static void countDelivered(TrafficMeter meter, String topic, PartitionSlice slice, long fromOffset,
            int maxRecords) {
        if (meter != null && !slice.batches().isEmpty()) {
            long records = 0;
            long bytes = 0;
            for (RecordBatch batch : slice.batches()) {
                records += batch.recordsFrom(fromOffset);
                bytes += batch.sizeInBytes();
            }
            meter.delivered(topic, Math.min(records, maxRecords), bytes);
        }
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        meter = TrafficMeter.of(member);
    }

    @Override
    public int getClassId() {
        return LogTypes.READ;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(fromOffset);
        out.writeInt(maxRecords);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        fromOffset = in.readLong();
        maxRecords = in.readInt();
    }
}
