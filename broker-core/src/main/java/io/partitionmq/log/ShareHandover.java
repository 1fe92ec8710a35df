package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a partition's leader handed to waiting share-group consumers in one operation: the groups' resulting
 * states, which its backups take over, and the pushes to the consumers, sent once a backup holds all of it.
 */
final class ShareHandover {
    static final ShareHandover NONE = new ShareHandover(Map.of(), List.of());

    private final Map<String, SharePartition> states;
    private final List<SharePush> pushes;

    private ShareHandover(Map<String, SharePartition> states, List<SharePush> pushes) {
        this.states = states;
        this.pushes = pushes;
    }

    /** After an append: every group's waiting consumers take what they can of the log. */
    static ShareHandover afterAppend(PartitionLog log, PartitionKey key, long now) {
        Map<String, SharePartition> states = new TreeMap<>();
        List<SharePush> pushes = new ArrayList<>();
        log.forEachShareGroup((group, state) -> hand(log, key, group, state, now, states, pushes));
        return pushes.isEmpty() ? NONE : new ShareHandover(states, pushes);
    }

    /**
     * After a group's records were acknowledged or released: its waiting consumers take what is available. Only
     * the pushes travel: the operation replicates the group's state itself ({@link ApplyShareStateProcessor}).
     */
    static ShareHandover ofGroup(PartitionLog log, PartitionKey key, String group, SharePartition state, long now) {
        List<SharePush> pushes = new ArrayList<>();
        hand(log, key, group, state, now, new TreeMap<>(), pushes);
        return pushes.isEmpty() ? NONE : new ShareHandover(Map.of(), pushes);
    }

    private static void hand(PartitionLog log, PartitionKey key, String group, SharePartition state, long now,
            Map<String, SharePartition> states, List<SharePush> pushes) {
        for (SharePartition.Handed handed : state.handToWaiting(log, now)) {
            pushes.add(new SharePush(key, group, handed.waiter(), new ShareReply(log, handed.outcome()),
                    handed.waitEnded()));
            states.put(group, state);
        }
    }

    boolean isEmpty() {
        return pushes.isEmpty();
    }

    /** On a backup: the groups take the states their leader arrived at. */
    void applyTo(PartitionLog log) {
        states.forEach(log::replaceShareGroup);
    }

    void publish(HazelcastInstance member) {
        pushes.forEach(push -> push.publish(member));
    }

    void write(ObjectDataOutput out) throws IOException {
        out.writeInt(states.size());
        for (Map.Entry<String, SharePartition> state : states.entrySet()) {
            out.writeString(state.getKey());
            state.getValue().writeData(out);
        }
        out.writeInt(pushes.size());
        for (SharePush push : pushes) {
            push.writeData(out);
        }
    }

    static ShareHandover read(ObjectDataInput in) throws IOException {
        int groups = in.readInt();
        Map<String, SharePartition> states = new TreeMap<>();
        for (int i = 0; i < groups; i++) {
            String group = in.readString();
            SharePartition state = new SharePartition();
            state.readData(in);
            states.put(group, state);
        }
        int count = in.readInt();
        List<SharePush> pushes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SharePush push = new SharePush();
            push.readData(in);
            pushes.add(push);
        }
        return count == 0 ? NONE : new ShareHandover(states, pushes);
    }
}
