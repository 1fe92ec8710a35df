package io.partitionmq.jms;

import io.partitionmq.log.FetchResult;
import io.partitionmq.log.OffsetOutOfRangeException;
import io.partitionmq.log.PartitionLogs;

/** How JMS consumers read a partition: a position that retention deleted moves on to the log start. */
final class LogReads {
    private LogReads() {
    }

    static FetchResult fetchSkippingDeleted(PartitionLogs logs, String topic, int partition, long offset,
            int maxRecords) {
        try {
            return logs.fetch(topic, partition, offset, maxRecords);
        } catch (OffsetOutOfRangeException e) {
            if (offset > e.endOffset()) {
                throw e;
            }
            return logs.fetch(topic, partition, e.startOffset(), maxRecords);
        }
    }
}
