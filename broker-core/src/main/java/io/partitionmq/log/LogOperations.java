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

    @Idempotent
    OptionalLong offsetForTimestamp(@Requires(CONSUME) String topic, int partition, long timestamp);

    /** Calls {@code onAppend} after appends to the partition, until the returned handle is closed. */
    AutoCloseable watch(@Requires(CONSUME) String topic, int partition, Runnable onAppend);
}
