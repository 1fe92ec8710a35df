package io.partitionmq.log;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.util.Map;

/**
 * The backup of an append sent again that the leader already held: it changes nothing, but the leader's reply
 * waits for its acknowledgement like any append's. Without it a resent batch would be confirmed by a leader cut
 * off from its backups (the first copy's backup lost in a network split), and lost when the split heals; with it
 * the resend fails there too and is retried until it reaches a leader with reachable backups. A backup that
 * missed the first copy sees the gap in the partition's replica versions and fetches the partition from the
 * leader (Hazelcast's replica sync).
 */
final class ConfirmBackupProcessor implements EntryProcessor<PartitionKey, PartitionLog, long[]>,
        IdentifiedDataSerializable {
    @Override
    public long[] process(Map.Entry<PartitionKey, PartitionLog> entry) {
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
        return LogTypes.CONFIRM_BACKUP;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // Nothing to carry: the operation's arrival is the confirmation.
    }

    @Override
    public void readData(ObjectDataInput in) {
        // As above.
    }
}
