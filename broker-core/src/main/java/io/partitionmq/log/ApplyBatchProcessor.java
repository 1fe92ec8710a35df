package io.partitionmq.log;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/** Applies on a backup replica the batch its leader appended, with the leader's offsets and append time. */
final class ApplyBatchProcessor implements EntryProcessor<PartitionKey, PartitionLog, long[]>,
        IdentifiedDataSerializable {
    private RecordBatch batch;

    ApplyBatchProcessor() {
    }

    ApplyBatchProcessor(RecordBatch batch) {
        this.batch = batch;
    }

    @Override
    public long[] process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue() == null ? new PartitionLog() : entry.getValue();
        log.apply(batch);
        entry.setValue(log);
        return null;
    }

    @Override
    public EntryProcessor<PartitionKey, PartitionLog, long[]> getBackupProcessor() {
        return null;
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.APPLY_BATCH;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        batch.writeData(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        batch = new RecordBatch();
        batch.readData(in);
    }
}
