package io.partitionmq.cluster;

/**
 * How the cluster looks from one broker: members, Hazelcast partitions that have no owner (their log
 * partitions cannot be served), whether every partition's backups are in place, whether partitions may lack a
 * backup now (fewer members than backup-count + 1, or replicas still moving; Hazelcast does not say which), and
 * the log partitions this broker leads and how many of them may lack one, and whether this broker is on a side
 * of a split with fewer members than partitionmq.cluster.min-size (it then refuses every read and write).
 */
public record ClusterHealth(int members, int partitionsWithoutOwner, boolean replicasInSync, boolean backupsMissing,
        int logPartitionsLed, int logPartitionsUnderReplicated, boolean belowMinimumSize) {
    /** Ready to serve: every partition has an owner and the broker is not on the small side of a split. */
    public boolean isServing() {
        return partitionsWithoutOwner == 0 && !belowMinimumSize;
    }
}
