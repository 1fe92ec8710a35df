package io.partitionmq.cluster;

import java.io.Serializable;

/**
 * One broker as an operator sees it: its id and address, since when it runs, how many log partitions it leads
 * and holds backups of, and its memory and disk use.
 */
public record BrokerStatus(String id, String address, long startedAt, int ledPartitions, int backupPartitions,
                           long heapUsedBytes, long heapMaxBytes, long diskBytes) implements Serializable {
}
