package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.internal.cluster.ClusterService;
import com.hazelcast.internal.partition.InternalPartition;
import com.hazelcast.internal.partition.InternalPartitionService;
import com.hazelcast.internal.partition.PartitionReplica;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;

/**
 * The member-side half of split-brain protection, checked by every operation that changes broker state before
 * it changes anything. Two rules, both read from this member's own view:
 * <ul>
 * <li>The member list holds at least {@code minimum} brokers. Hazelcast's own protection hears of a lost member
 * through an asynchronous event, after the partition table has already promoted backups on the smaller side of
 * a split; the member list is updated before any promotion.</li>
 * <li>The key's partition has a backup on a listed broker for each copy besides the leader's that the minimum
 * asks for (Kafka's min.insync.replicas). A broker that has so far noticed only part of a split still counts
 * enough members, and the partitions it was just promoted to lead have no backup: a write there would be
 * acknowledged with the leader's copy alone and dropped when the split heals. Such a write is refused with a
 * {@link NotEnoughReplicasException}, which Hazelcast retries until a backup is placed or the broker notices
 * it is on the smaller side.</li>
 * </ul>
 */
public final class MinimumClusterSize {
    /** Key of the rule in the member's user context; absent means no protection. */
    public static final String CONTEXT_KEY = "partitionmq.cluster.min-size";

    private final int minimum;
    private final int backupsRequired;
    private final int backupCount;

    /**
     * @param minimum     the fewest brokers that accept writes ({@code partitionmq.cluster.min-size})
     * @param backupCount the synchronous backups each partition has
     */
    public MinimumClusterSize(int minimum, int backupCount) {
        this.minimum = minimum;
        this.backupCount = backupCount;
        this.backupsRequired = Math.min(backupCount, minimum - 1);
    }

    /**
     * Refuses a write on the partition of {@code key}: with Hazelcast's own exception, which clients already
     * treat as "the smaller side of a split", when too few brokers are listed; with a retried
     * {@link NotEnoughReplicasException} when the partition has too few backups.
     */
    public static void require(HazelcastInstance member, Object key) {
        if (!(member.getUserContext().get(CONTEXT_KEY) instanceof MinimumClusterSize rule)) {
            return;
        }
        Node node = HazelcastNode.of(member);
        ClusterService cluster = node.getClusterService();
        int members = cluster.getSize();
        if (members < rule.minimum) {
            throw new SplitBrainProtectionException("this broker sees " + members + " of the " + rule.minimum
                    + " brokers partitionmq.cluster.min-size asks for; it refuses writes until they are back");
        }
        if (rule.backupsRequired == 0) {
            return;
        }
        InternalPartitionService table = node.getPartitionService();
        int partitionId = table.getPartitionId(key);
        InternalPartition partition = table.getPartition(partitionId);
        int live = 0;
        for (int index = 1; index <= rule.backupCount; index++) {
            PartitionReplica replica = partition.getReplica(index);
            if (replica != null && cluster.getMember(replica.address(), replica.uuid()) != null) {
                live++;
            }
        }
        if (live < rule.backupsRequired) {
            throw new NotEnoughReplicasException("Hazelcast partition " + partitionId + " has " + live
                    + " backups on listed brokers, and partitionmq.cluster.min-size " + rule.minimum
                    + " asks each write to reach " + (rule.backupsRequired + 1) + " brokers");
        }
    }
}
