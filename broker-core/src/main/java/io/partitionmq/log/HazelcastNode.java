package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.instance.impl.Node;

/**
 * A member's internal node: its copy of the partition table (which members hold each partition's replicas) and
 * its member list, which the public API does not name. Entry processors are handed the member itself, callers
 * elsewhere its proxy.
 */
public final class HazelcastNode {
    private HazelcastNode() {
    }

    public static Node of(HazelcastInstance member) {
        return (member instanceof HazelcastInstanceProxy proxy ? proxy.getOriginal()
                : (HazelcastInstanceImpl) member).node;
    }
}
