package io.partitionmq.log;

import java.util.List;

/**
 * Records a partition's leader acquired for a waiting share-group consumer and pushed to it
 * ({@link ShareOperations#acquireOrWait}).
 *
 * @param waitEnded whether the consumer no longer waits on the partition: it was handed all it asked for;
 *                  otherwise more pushes follow as records arrive, until its wait runs out
 */
public record PushedRecords(String topic, int partition, String group, String consumer, List<ShareRecord> acquired,
                            boolean waitEnded) {
    public PushedRecords {
        acquired = acquired instanceof SharedRecords unmodifiable ? unmodifiable : List.copyOf(acquired);
    }
}
