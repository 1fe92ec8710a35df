package io.partitionmq.cluster;

import com.hazelcast.config.SerializationConfig;
import io.partitionmq.log.LogTypes;

/** Registers the engine's serializable types; members and clients must agree on them. */
final class EngineSerialization {
    private EngineSerialization() {
    }

    static void register(SerializationConfig serialization) {
        serialization.addDataSerializableFactory(LogTypes.FACTORY_ID, new LogTypes());
    }
}
