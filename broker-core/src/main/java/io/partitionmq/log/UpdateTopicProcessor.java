package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/** Replaces a topic's metadata if it is still what the caller read (compare-and-set), persisting the change. */
final class UpdateTopicProcessor extends MemberProcessor<String, TopicMetadata, Boolean> {
    private TopicMetadata expected;
    private TopicMetadata changed;

    UpdateTopicProcessor() {
    }

    UpdateTopicProcessor(TopicMetadata expected, TopicMetadata changed) {
        this.expected = expected;
        this.changed = changed;
    }

    @Override
    public Boolean process(Map.Entry<String, TopicMetadata> entry) {
        MinimumClusterSize.require(member(), entry.getKey());
        if (!expected.equals(entry.getValue())) {
            return Boolean.FALSE;
        }
        entry.setValue(changed);
        store().saveTopic(changed);
        return Boolean.TRUE;
    }

    @Override
    public int getClassId() {
        return LogTypes.UPDATE_TOPIC;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(expected);
        out.writeObject(changed);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        expected = in.readObject();
        changed = in.readObject();
    }
}
