package io.partitionmq.log;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates a topic unless it exists, atomically, filling what the request leaves open (partition count, settings)
 * from the owning member's defaults. Concurrent creators all get the same metadata; the backup stores the
 * metadata the owner decided rather than deciding again.
 */
final class CreateTopicProcessor extends MemberProcessor<String, TopicMetadata, CreateTopicProcessor.Outcome> {
    /** The topic as it now is, and whether this request created it. */
    record Outcome(TopicMetadata topic, boolean created) implements Serializable {
    }

    private int partitions;
    private HashMap<String, String> overrides;
    private TopicMetadata decided;

    CreateTopicProcessor() {
    }

    /** @param partitions the partition count, or 0 for the default; {@code overrides} are Kafka-named settings */
    CreateTopicProcessor(int partitions, Map<String, String> overrides) {
        this.partitions = partitions;
        this.overrides = new HashMap<>(overrides);
    }

    private CreateTopicProcessor(TopicMetadata decided) {
        this.decided = decided;
        this.overrides = new HashMap<>();
    }

    /** Restores a topic recovered from a store, exactly as it was, unless it exists. */
    static CreateTopicProcessor restoring(TopicMetadata topic) {
        return new CreateTopicProcessor(topic);
    }

    @Override
    public Outcome process(Map.Entry<String, TopicMetadata> entry) {
        MinimumClusterSize.require(member(), entry.getKey());
        if (entry.getValue() != null) {
            return new Outcome(entry.getValue(), false);
        }
        if (decided == null) {
            LogDefaults defaults = (LogDefaults) memberContext(LogDefaults.CONTEXT_KEY);
            decided = new TopicMetadata(entry.getKey(), partitions > 0 ? partitions : defaults.partitions(),
                    defaults.config().with(overrides), System.currentTimeMillis());
        }
        entry.setValue(decided);
        store().saveTopic(decided);
        return new Outcome(decided, true);
    }

    @Override
    public EntryProcessor<String, TopicMetadata, Outcome> getBackupProcessor() {
        return decided == null ? null : new CreateTopicProcessor(decided);
    }

    @Override
    public int getClassId() {
        return LogTypes.CREATE_TOPIC;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(partitions);
        out.writeObject(overrides);
        out.writeObject(decided);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        partitions = in.readInt();
        overrides = in.readObject();
        decided = in.readObject();
    }
}
