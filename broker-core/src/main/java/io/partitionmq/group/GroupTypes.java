package io.partitionmq.group;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** Hazelcast serialization ids of the group state's types. */
public final class GroupTypes implements DataSerializableFactory {
    public static final int FACTORY_ID = 7302;

    static final int OFFSET_KEY = 1;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return typeId == OFFSET_KEY ? new OffsetKey() : null;
    }
}
