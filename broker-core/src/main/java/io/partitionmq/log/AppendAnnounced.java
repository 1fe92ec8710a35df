package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.query.Predicate;
import java.util.Map;

/**
 * The filter of {@link AppendWatchers}' listeners, evaluated by the partition's leader as it publishes a change:
 * a share group's acquisitions and acceptances change the partition entry too, and without this filter every
 * one of them woke every reader of the partition for a fetch or acquisition that found nothing.
 */
final class AppendAnnounced implements Predicate<PartitionKey, PartitionLog>, IdentifiedDataSerializable {
    @Override
    public boolean apply(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        return log == null || log.announces();
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.APPEND_ANNOUNCED;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}
