package io.partitionmq.log;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/** Takes over, on a backup replica, the share group state its leader arrived at (null: the group is gone). */
final class ApplyShareStateProcessor extends ReplicaProcessor<ShareReply> {
    private String group;
    private SharePartition state;
    private ShareHandover handover = ShareHandover.NONE;

    ApplyShareStateProcessor() {
    }

    ApplyShareStateProcessor(String group, SharePartition state) {
        this(group, state, ShareHandover.NONE);
    }

    /** @param handover what the leader handed to the group's waiting consumers, pushed by the first backup */
    ApplyShareStateProcessor(String group, SharePartition state, ShareHandover handover) {
        this.group = group;
        this.state = state;
        this.handover = handover;
    }

    @Override
    public ShareReply process(Map.Entry<PartitionKey, PartitionLog> entry) {
        PartitionLog log = entry.getValue();
        if (log != null) {
            if (state == null) {
                log.removeShareGroup(group);
            } else {
                log.replaceShareGroup(group, state);
            }
            entry.setValue(log);
            store().saveShareGroups(entry.getKey(), log.shareGroupsState());
            push(handover, entry.getKey(), true);
        }
        return null;
    }

    @Override
    public EntryProcessor<PartitionKey, PartitionLog, ShareReply> getBackupProcessor() {
        return null;
    }

    @Override
    public int getClassId() {
        return LogTypes.APPLY_SHARE_STATE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(group);
        out.writeBoolean(state != null);
        if (state != null) {
            state.writeData(out);
        }
        handover.write(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        group = in.readString();
        if (in.readBoolean()) {
            state = new SharePartition();
            state.readData(in);
        }
        handover = ShareHandover.read(in);
    }
}
