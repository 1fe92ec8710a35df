package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

/**
 * A share group's answer from the partition leader: the records handed out and the ones dead-lettered (as
 * {offset, delivery count} pairs, with the batches holding them), and which acknowledgements took effect.
 */
final class ShareReply implements IdentifiedDataSerializable {
    private long[][] acquired;
    private long[][] deadLettered;
    private boolean[] acknowledged;
    private List<RecordBatch> batches;
    private boolean partitionMissing;
    private boolean waiting;
    private transient BatchRecords records;

    ShareReply() {
    }

    ShareReply(PartitionLog log, SharePartition.Outcome outcome) {
        this(log, outcome, false);
    }

    /** @param waiting whether the consumer, handed nothing, now waits on the leader for records to be pushed */
    ShareReply(PartitionLog log, SharePartition.Outcome outcome, boolean waiting) {
        this.waiting = waiting;
        this.acquired = outcome.acquired().toArray(new long[0][]);
        this.deadLettered = outcome.deadLettered().toArray(new long[0][]);
        this.acknowledged = outcome.acknowledged();
        TreeSet<Long> named = new TreeSet<>();
        for (long[][] pairs : new long[][][] {acquired, deadLettered}) {
            for (long[] pair : pairs) {
                named.add(pair[0]);
            }
        }
        this.batches = log.slicesOf(named);
    }

    /** The partition has no log on its leader: the topic or the partition does not exist. */
    static ShareReply partitionMissing(int acknowledgements) {
        ShareReply reply = none(acknowledgements);
        reply.partitionMissing = true;
        return reply;
    }

    /** Nothing acquired, and none of {@code acknowledgements} acknowledged. */
    static ShareReply none(int acknowledgements) {
        ShareReply reply = new ShareReply();
        reply.acquired = new long[0][];
        reply.deadLettered = new long[0][];
        reply.acknowledged = new boolean[acknowledgements];
        reply.batches = List.of();
        return reply;
    }

    /** The bytes of the record batches this reply carries to the consumer. */
    long batchBytes() {
        return batches.stream().mapToLong(RecordBatch::sizeInBytes).sum();
    }

    boolean isWaiting() {
        return waiting;
    }

    boolean isPartitionMissing() {
        return partitionMissing;
    }

    List<ShareRecord> acquired() {
        return SharedRecords.of(records(), acquired);
    }

    List<ShareRecord> deadLettered() {
        return deadLettered.length == 0 ? List.of() : SharedRecords.of(records(), deadLettered);
    }

    /** One view of the batches for both lists, so that a batch holding records of each is decoded once. */
    private BatchRecords records() {
        if (records == null) {
            records = new BatchRecords(batches);
        }
        return records;
    }

    boolean[] acknowledged() {
        return acknowledged;
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.SHARE_REPLY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        writePairs(out, acquired);
        writePairs(out, deadLettered);
        out.writeBooleanArray(acknowledged);
        RecordBatch.writeList(out, batches);
        out.writeBoolean(partitionMissing);
        out.writeBoolean(waiting);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        acquired = readPairs(in);
        deadLettered = readPairs(in);
        acknowledged = in.readBooleanArray();
        batches = RecordBatch.readList(in);
        partitionMissing = in.readBoolean();
        waiting = in.readBoolean();
    }

    private static void writePairs(ObjectDataOutput out, long[][] pairs) throws IOException {
        out.writeInt(pairs.length);
        for (long[] pair : pairs) {
            out.writeLong(pair[0]);
            out.writeLong(pair[1]);
        }
    }

    private static long[][] readPairs(ObjectDataInput in) throws IOException {
        long[][] pairs = new long[in.readInt()][];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new long[] {in.readLong(), in.readLong()};
        }
        return pairs;
    }
}
