package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.util.Map;

/** Removes a partition of a deleted topic from memory and from the store of every member holding it. */
final class DeletePartitionProcessor extends ReplicaProcessor<Boolean> {
    @Override
    public Boolean process(Map.Entry<PartitionKey, PartitionLog> entry) {
        MinimumClusterSize.require(member(), entry.getKey());
        store().delete(entry.getKey());
        entry.setValue(null);
        TrafficMeter meter = TrafficMeter.of(member());
        if (meter != null) {
            meter.forget(entry.getKey().topic());
        }
        return Boolean.TRUE;
    }

    @Override
    public int getClassId() {
        return LogTypes.DELETE_PARTITION;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}
