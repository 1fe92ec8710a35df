package io.partitionmq.cluster;

import java.io.Serializable;

/**
 * One broker as an operator sees it: its id and address, since when it runs, how many log partitions it leads
 * and holds backups of, its memory and disk use, and the records the partitions it leads took in (appended) and
 * handed out (delivered to readers) since it started.
 */
public record BrokerStatus(String id, String address, long startedAt, int ledPartitions, int backupPartitions,
                           long heapUsedBytes, long heapMaxBytes, long diskBytes, long recordsIn, long recordsOut)
        implements Serializable {
}
