package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.util.Map;

/** Removes a topic's metadata, from memory and from the store of every member holding it. */
final class DeleteTopicProcessor extends MemberProcessor<String, TopicMetadata, Boolean> {
    @Override
    public Boolean process(Map.Entry<String, TopicMetadata> entry) {
        MinimumClusterSize.require(member(), entry.getKey());
        store().deleteTopic(entry.getKey());
        boolean existed = entry.getValue() != null;
        entry.setValue(null);
        return existed;
    }

    @Override
    public int getClassId() {
        return LogTypes.DELETE_TOPIC;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}
