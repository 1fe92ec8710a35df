package io.partitionmq.log;

import static io.partitionmq.access.Permission.CONSUME;
import static io.partitionmq.access.Permission.CREATE;
import static io.partitionmq.access.Permission.SEND;

import io.partitionmq.access.AnyUser;
import io.partitionmq.access.Requires;
import io.partitionmq.remote.Idempotent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** What clients do with topics and partition logs ({@link PartitionLogs} documents each operation). */
public interface LogOperations {
    TopicMetadata createTopic(@Requires(CREATE) String name, int partitions, Map<String, String> config);

    /** The topic, created with the cluster's defaults if it does not exist. */
    TopicMetadata topic(@Requires(value = CREATE, unlessExists = true) String name);

    @AnyUser
    @Idempotent
    Optional<TopicMetadata> findTopic(String name);

    @Idempotent
    PartitionSummary summary(@Requires(CONSUME) String topic, int partition);

    @Idempotent
    CompletionStage<AppendResult> appendAsync(@Requires(SEND) PreparedAppend prepared);

    @Idempotent
    FetchResult fetch(@Requires(CONSUME) String topic, int partition, long offset, int maxRecords);

    @Idempotent
    FetchResult fetch(@Requires(CONSUME) String topic, int partition, long offset, int maxRecords, Duration maxWait)
            throws InterruptedException;

    /**
     * A fetch of what {@code filter} selects (null: all; evaluated on the leader) that, at the log end, leaves the
     * reader waiting on the partition's leader for up to {@code waitMillis}
     * to be pushed the next append: to the receiver {@link #receiveReads} registered for it on this handle.
     */
    @Idempotent
    WaitingFetch fetchOrWait(@Requires(CONSUME) String topic, int partition, long offset, int maxRecords,
            RecordFilter filter, String reader, long waitMillis);

    /** Hands what leaders push to {@code reader} to {@code receiver} until the returned handle is closed. */
    @AnyUser
    AutoCloseable receiveReads(String reader, Consumer<PushedRead> receiver);

    @Idempotent
    OptionalLong offsetForTimestamp(@Requires(CONSUME) String topic, int partition, long timestamp);

    /** Calls {@code onAppend} after appends to the partition, until the returned handle is closed. */
    AutoCloseable watch(@Requires(CONSUME) String topic, int partition, Runnable onAppend);
}
