package io.partitionmq.log;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies on a backup replica the batch its leader appended, with the leader's offsets, time and roll decision,
 * and what the leader handed to waiting share-group consumers and readers (which the first backup then pushes to
 * them).
 */
final class ApplyBatchProcessor extends ReplicaProcessor<long[]> {
    private RecordBatch batch;
    private boolean rolled;
    private TopicConfig initialConfig;
    private long producer;
    private long sequence;
    private ShareHandover handover;
    private List<ReadPush> reads;

    ApplyBatchProcessor() {
    }

    ApplyBatchProcessor(RecordBatch batch, boolean rolled, TopicConfig initialConfig, long producer,
            long sequence, ShareHandover handover, List<ReadPush> reads) {
        this.handover = handover;
        this.reads = reads;
        this.batch = batch;
        this.rolled = rolled;
        this.initialConfig = initialConfig;
        this.producer = producer;
        this.sequence = sequence;
    }

    @Override
    public long[] process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue() == null ? new PartitionLog(initialConfig) : entry.getValue();
        log.apply(batch, rolled);
        log.producerSequences().record(producer,
                new ProducerSequences.Appended(sequence, batch.baseOffset(), batch.appendTime()));
        entry.setValue(log);
        persistAppend(entry, batch, new LogStore.ProducerStamp(producer, sequence));
        if (!handover.isEmpty()) {
            handover.applyTo(log);
            store().saveShareGroups(entry.getKey(), log.shareGroupsState());
            push(handover, entry.getKey(), true);
        }
        push(reads, entry.getKey(), true);
        return null;
    }

    @Override
    public EntryProcessor<PartitionKey, PartitionLog, long[]> getBackupProcessor() {
        return null;
    }

    @Override
    public int getClassId() {
        return LogTypes.APPLY_BATCH;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        batch.writeData(out);
        out.writeBoolean(rolled);
        TopicConfig.write(out, initialConfig);
        out.writeLong(producer);
        out.writeLong(sequence);
        handover.write(out);
        out.writeInt(reads.size());
        for (ReadPush read : reads) {
            read.writeData(out);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        batch = new RecordBatch();
        batch.readData(in);
        rolled = in.readBoolean();
        initialConfig = TopicConfig.read(in);
        producer = in.readLong();
        sequence = in.readLong();
        handover = ShareHandover.read(in);
        int count = in.readInt();
        reads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ReadPush read = new ReadPush();
            read.readData(in);
            reads.add(read);
        }
    }
}
