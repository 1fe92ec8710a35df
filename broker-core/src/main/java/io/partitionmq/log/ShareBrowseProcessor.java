package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Lists, on the leader, what a share group's consumers could acquire now, acquiring nothing. */
final class ShareBrowseProcessor extends LeaderRead<ShareReply> {
    private String group;
    private long fromOffset;
    private int maxRecords;
    private RecordFilter filter;

    ShareBrowseProcessor() {
    }

    ShareBrowseProcessor(String group, long fromOffset, int maxRecords, RecordFilter filter) {
        this.group = group;
        this.fromOffset = fromOffset;
        this.maxRecords = maxRecords;
        this.filter = filter;
    }

    @Override
    public ShareReply process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        if (log == null) {
            return ShareReply.partitionMissing(0);
        }
        SharePartition state = log.hasShareGroup(group) ? log.shareGroup(group) : SharePartition.startingAt(0);
        List<long[]> available = state.available(log, fromOffset, maxRecords, System.currentTimeMillis(), filter);
        return new ShareReply(log, new SharePartition.Outcome(available, List.of(), new boolean[0], false));
    }

    @Override
    public int getClassId() {
        return LogTypes.SHARE_BROWSE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(group);
        out.writeLong(fromOffset);
        out.writeInt(maxRecords);
        out.writeObject(filter);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        group = in.readString();
        fromOffset = in.readLong();
        maxRecords = in.readInt();
        filter = in.readObject();
    }
}
