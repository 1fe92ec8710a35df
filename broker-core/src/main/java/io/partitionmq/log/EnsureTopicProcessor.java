package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Creates a topic on first use with the owning member's default partition count, atomically: concurrent first
 * users all get the same metadata. The backup stores the metadata the owner decided rather than deciding again.
 */
final class EnsureTopicProcessor implements EntryProcessor<String, TopicMetadata, TopicMetadata>,
        HazelcastInstanceAware, IdentifiedDataSerializable {
    private TopicMetadata decided;
    private transient HazelcastInstance hazelcast;

    EnsureTopicProcessor() {
    }

    private EnsureTopicProcessor(TopicMetadata decided) {
        this.decided = decided;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public TopicMetadata process(Map.Entry<String, TopicMetadata> entry) {
        if (entry.getValue() != null) {
            return entry.getValue();
        }
        if (decided == null) {
            LogDefaults defaults = (LogDefaults) hazelcast.getUserContext().get(LogDefaults.CONTEXT_KEY);
            decided = new TopicMetadata(entry.getKey(), defaults.partitions(), System.currentTimeMillis());
        }
        entry.setValue(decided);
        return decided;
    }

    @Override
    public EntryProcessor<String, TopicMetadata, TopicMetadata> getBackupProcessor() {
        return new EnsureTopicProcessor(decided);
    }

    @Override
    public int getFactoryId() {
        return LogTypes.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogTypes.ENSURE_TOPIC;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(decided);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        decided = in.readObject();
    }
}
