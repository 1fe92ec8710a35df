package io.partitionmq.cluster;

/**
 * How the cluster looks from one broker: members, Hazelcast partitions that have no owner (their log
 * partitions cannot be served), whether every partition's backups are in place, whether partitions may lack a
 * backup now (fewer members than backup-count + 1, or replicas still moving; Hazelcast does not say which), and
 * the log partitions this broker leads and how many of them may lack one.
 */
public record ClusterHealth(int members, int partitionsWithoutOwner, boolean replicasInSync, boolean backupsMissing,
        int logPartitionsLed, int logPartitionsUnderReplicated) {
    /** Ready to serve: every partition has an owner. */
    public boolean isServing() {
        return partitionsWithoutOwner == 0;
    }
}
