package io.partitionmq.cluster;

import java.util.List;

/**
 * Where one log partition lives: its leader and the brokers holding its backups, by broker id ("" for a replica
 * slot no broker fills), and whether it has fewer backups than the cluster's backup-count asks for.
 */
public record PartitionPlacement(int partition, String leader, List<String> backups, boolean underReplicated) {
    public PartitionPlacement {
        backups = List.copyOf(backups);
    }
}
