package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.util.HashMap;
import java.util.Map;

/** Counts, on a partition's leader, where each share group stands: what is locked and what could be acquired. */
final class ShareSummaryProcessor extends LeaderRead<HashMap<String, long[]>> {
    @Override
    public HashMap<String, long[]> process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        return log == null ? new HashMap<>() : log.shareGroupSummaries(System.currentTimeMillis());
    }

    @Override
    public int getClassId() {
        return LogTypes.SHARE_SUMMARY;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}
