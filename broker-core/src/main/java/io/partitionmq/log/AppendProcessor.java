package io.partitionmq.log;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Appends an encoded batch at the end of a partition, on the partition's leader. The leader assigns the offsets
 * and the append time; its backups then apply exactly that batch ({@link ApplyBatchProcessor}), so replicas
 * never assign offsets or clocks of their own. The caller's invocation returns after the synchronous backups
 * acknowledged.
 */
final class AppendProcessor implements EntryProcessor<PartitionKey, PartitionLog, long[]>,
        IdentifiedDataSerializable {
    private byte[] payload;
    private transient RecordBatch appended;

    AppendProcessor() {
    }

    AppendProcessor(byte[] payload) {
        this.payload = payload;
    }

    /** Returns {base offset, append time}: a primitive pair keeps the reply small. */
    @Override
    public long[] process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue() == null ? new PartitionLog() : entry.getValue();
        appended = log.append(payload, System.currentTimeMillis());
        entry.setValue(log);
        return new long[] {appended.baseOffset(), appended.appendTime()};
    }

    @Override
    public EntryProcessor<PartitionKey, PartitionLog, long[]> getBackupProcessor() {
        return new ApplyBatchProcessor(appended);
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.APPEND;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(payload);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        payload = in.readByteArray();
    }
}
