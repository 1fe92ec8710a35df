package io.partitionmq.log;

import static io.partitionmq.access.Permission.BROWSE;
import static io.partitionmq.access.Permission.CONSUME;

import io.partitionmq.access.AnyUser;
import io.partitionmq.access.Requires;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** What clients do with share groups, the queues' engine ({@link ShareGroups} documents each operation). */
public interface ShareOperations {
    List<ShareRecord> acquire(@Requires(CONSUME) String topic, int partition, String group, String consumer, int max,
            ShareGroups.Settings settings, RecordFilter filter);

    /**
     * {@link #acquire}, and if nothing can be acquired now the consumer waits on the partition's leader, for up to
     * {@code waitMillis}, to be pushed records as they arrive: to the receiver {@link #receivePushes} registered
     * for it on this handle.
     */
    ShareGroups.Acquisition acquireOrWait(@Requires(CONSUME) String topic, int partition, String group,
            String consumer, int max, ShareGroups.Settings settings, RecordFilter filter, long waitMillis);

    void stopWaiting(@Requires(CONSUME) String topic, int partition, String group, String consumer);

    boolean[] acknowledge(@Requires(CONSUME) String topic, int partition, String group, String consumer,
            long[] offsets, AcknowledgeType type, ShareGroups.Settings settings);

    CompletionStage<boolean[]> acceptAsync(@Requires(CONSUME) String topic, int partition, String group,
            String consumer, long[] offsets, ShareGroups.Settings settings);

    List<ShareRecord> browse(@Requires(BROWSE) String topic, int partition, String group, long fromOffset, int max,
            RecordFilter filter);

    void createAtEnd(@Requires(CONSUME) TopicMetadata topic, String group);

    /**
     * Hands what leaders push to {@code consumer} to {@code receiver}, in order, until the returned handle is
     * closed; pushes that arrive for it after that go back to its group.
     */
    @AnyUser
    AutoCloseable receivePushes(String consumer, Consumer<PushedRecords> receiver);
}
