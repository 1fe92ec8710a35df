package io.partitionmq.log;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** An entry processor that only reads a partition, on its leader: nothing to back up. */
abstract class LeaderRead<R> implements EntryProcessor<PartitionKey, PartitionLog, R>, ReadOnly,
        IdentifiedDataSerializable {
    @Override
    public final EntryProcessor<PartitionKey, PartitionLog, R> getBackupProcessor() {
        return null;
    }

    @Override
    public final int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }
}
