package io.partitionmq.log;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/** Gives a partition its topic's current settings (creating the empty partition if needed); backups run it too. */
final class ConfigureProcessor extends ReplicaProcessor<Boolean> {
    private TopicConfig config;

    ConfigureProcessor() {
    }

    ConfigureProcessor(TopicConfig config) {
        this.config = config;
    }

    @Override
    public Boolean process(Map.Entry<PartitionKey, PartitionLog> entry) {
        MinimumClusterSize.require(member(), entry.getKey());
        PartitionLog log = entry.getValue() == null ? new PartitionLog(config) : entry.getValue();
        log.configure(config);
        entry.setValue(log);
        store().checkpoint(entry.getKey(), log.checkpoint());
        return Boolean.TRUE;
    }

    @Override
    public int getClassId() {
        return LogTypes.CONFIGURE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        TopicConfig.write(out, config);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        config = TopicConfig.read(in);
    }
}
