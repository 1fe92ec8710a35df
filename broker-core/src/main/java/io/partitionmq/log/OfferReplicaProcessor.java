package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Offers a replica a member recovered from its disk after a restart: it replaces the partition's current state
 * if it supersedes it (later leader epoch, then longer), on the owner and, by the same rule, on the backups.
 */
final class OfferReplicaProcessor extends ReplicaProcessor<Boolean> {
    private PartitionLog offered;

    OfferReplicaProcessor() {
    }

    OfferReplicaProcessor(PartitionLog offered) {
        this.offered = offered;
    }

    @Override
    public Boolean process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog current = entry.getValue();
        if (current != null && !offered.supersedes(current)) {
            return Boolean.FALSE;
        }
        entry.setValue(offered);
        store().rewrite(entry.getKey(), offered.toStored());
        return Boolean.TRUE;
    }

    @Override
    public int getClassId() {
        return LogTypes.OFFER_REPLICA;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        offered.writeData(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        offered = new PartitionLog();
        offered.readData(in);
    }
}
