package io.partitionmq.log;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Appends an encoded batch at the end of a partition, on the partition's leader. The leader assigns the offsets,
 * the append time and whether a new segment starts; its backups then apply exactly that
 * ({@link ApplyBatchProcessor}), so replicas never decide anything themselves. The caller's invocation returns
 * after the synchronous backups acknowledged. Share-group consumers waiting on the partition are handed what
 * they can take of the new records in the same operation ({@link ShareHandover}), and readers waiting at the
 * log end what they would have fetched ({@link ReadWaiter}).
 */
final class AppendProcessor extends ReplicaProcessor<long[]> {
    /** First element of the reply when the batch exceeds max.message.bytes; the second is the limit. */
    static final long TOO_LARGE = -1;
    /** First element of the reply while the cluster is still recovering replicas from disk after a restart. */
    static final long RECOVERING = -2;

    private byte[] payload;
    private TopicConfig initialConfig;
    private long producer;
    private long sequence;
    private transient RecordBatch appended;
    private transient boolean rolled;
    private transient boolean resent;
    private transient ShareHandover handover = ShareHandover.NONE;
    private transient List<ReadPush> reads = List.of();

    AppendProcessor() {
    }

    /**
     * @param initialConfig the topic's settings, used if this is the partition's first append
     * @param producer      who sends, and {@code sequence} which of its appends to the partition this is: the same
     *                      pair sent again is answered with the first append's offsets ({@link ProducerSequences})
     */
    AppendProcessor(byte[] payload, TopicConfig initialConfig, long producer, long sequence) {
        this.payload = payload;
        this.initialConfig = initialConfig;
        this.producer = producer;
        this.sequence = sequence;
    }

    int payloadLength() {
        return payload.length;
    }

    /** Returns {base offset, append time}, or {@link #TOO_LARGE} and the limit: a primitive pair keeps it small. */
    @Override
    public long[] process(Map.Entry<PartitionKey, PartitionLog> entry) {
        MinimumClusterSize.require(member(), entry.getKey());
        PartitionLog log = entry.getValue() == null ? new PartitionLog(initialConfig) : entry.getValue();
        if (payload.length > log.config().maxMessageBytes()) {
            return new long[] {TOO_LARGE, log.config().maxMessageBytes()};
        }
        if (!clusterRecovered()) {
            return new long[] {RECOVERING, 0};
        }
        ProducerSequences.Appended earlier = log.producerSequences().find(producer, sequence);
        if (earlier != null) {
            resent = true;
            return new long[] {earlier.baseOffset(), earlier.appendTime()};
        }
        log.leadBy(localMemberId());
        long appendTime = log.nextAppendTime(System.currentTimeMillis());
        rolled = log.rollsBefore(payload, appendTime);
        appended = log.append(payload, appendTime, rolled);
        log.producerSequences().record(producer,
                new ProducerSequences.Appended(sequence, appended.baseOffset(), appendTime));
        entry.setValue(log);
        persistAppend(entry, appended, new LogStore.ProducerStamp(producer, sequence));
        long now = System.currentTimeMillis();
        handover = ShareHandover.afterAppend(log, entry.getKey(), now);
        if (!handover.isEmpty()) {
            store().saveShareGroups(entry.getKey(), log.shareGroupsState());
            push(handover, entry.getKey(), false);
        }
        reads = log.handToReaders(entry.getKey(), now);
        push(reads, entry.getKey(), false);
        TrafficMeter meter = TrafficMeter.of(member());
        if (meter != null) {
            meter.appended(entry.getKey().topic(), appended.recordCount(), appended.sizeInBytes());
            reads.forEach(read -> read.countDelivered(meter));
        }
        return new long[] {appended.baseOffset(), appendTime};
    }

    @Override
    public EntryProcessor<PartitionKey, PartitionLog, long[]> getBackupProcessor() {
        if (resent) {
            return new ConfirmBackupProcessor();
        }
        return appended == null ? null
                : new ApplyBatchProcessor(appended, rolled, initialConfig, producer, sequence, handover, reads);
    }

    @Override
    public int getClassId() {
        return LogTypes.APPEND;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(payload);
        TopicConfig.write(out, initialConfig);
        out.writeLong(producer);
        out.writeLong(sequence);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        payload = in.readByteArray();
        initialConfig = TopicConfig.read(in);
        producer = in.readLong();
        sequence = in.readLong();
    }
}
