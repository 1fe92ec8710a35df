package io.partitionmq.log;

import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.util.ThreadUtil;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.operation.MapOperation;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import com.hazelcast.spi.impl.NodeEngine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Writes that count only once their backups confirm them. On a member Hazelcast counts a write as done when its
 * backups do not answer within {@code hazelcast.operation.backup.timeout.millis} (a backup died, or the leader is
 * cut off from them by a network split it has not noticed yet), and a write that only the smaller side of a
 * split holds is dropped when the split heals. A write sent through here fails instead, with
 * {@link IndeterminateOperationStateException} (also when its leader leaves while it is in flight, and when any
 * member leaves while it awaits its backups, which Hazelcast then counts as confirmed), and is sent again if it
 * may be. Hazelcast offers this per invocation only
 * through its operation service; member-wide it would fail every write a dying member had in flight.
 */
public final class ConfirmedWrites {
    /**
     * How long a write whose outcome is unknown is sent again (Kafka's delivery.timeout.ms): longer than a
     * cluster takes to notice a broker it cannot reach (Hazelcast's hazelcast.max.no.heartbeat.seconds).
     */
    public static final Duration RETRY_FOR = Duration.ofSeconds(120);
    private static final long RETRY_PAUSE_MILLIS = 50;

    private ConfirmedWrites() {
    }

    /**
     * Runs a write that has the same effect when it runs twice (it carries a stamp, or sets rather than adds):
     * sent again while its backups do not confirm it, for up to {@link #RETRY_FOR}. Fails with what the write
     * failed with otherwise, including a last {@link IndeterminateOperationStateException}.
     */
    public static <K, V, R> CompletionStage<R> submitRepeatable(IMap<K, V> map, K key,
            EntryProcessor<K, V, R> processor) {
        CompletableFuture<R> result = new CompletableFuture<>();
        submit(map, key, processor, result, System.nanoTime() + RETRY_FOR.toNanos());
        return result;
    }

    /** {@link #submitRepeatable}, waiting for the outcome. */
    public static <K, V, R> R executeRepeatable(IMap<K, V> map, K key, EntryProcessor<K, V, R> processor) {
        try {
            return submitRepeatable(map, key, processor).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static <K, V, R> void submit(IMap<K, V> map, K key, EntryProcessor<K, V, R> processor,
            CompletableFuture<R> result, long retryUntil) {
        CompletionStage<R> sent;
        try {
            sent = submitOnce(map, key, processor);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        sent.whenComplete((reply, failure) -> {
            if (failure == null) {
                result.complete(reply);
            } else if (indeterminate(failure) && System.nanoTime() < retryUntil) {
                // After a pause, in which the cluster may notice the member it lost.
                CompletableFuture.runAsync(() -> submit(map, key, processor, result, retryUntil),
                        CompletableFuture.delayedExecutor(RETRY_PAUSE_MILLIS, TimeUnit.MILLISECONDS,
                                HazelcastStages.dependents()));
            } else {
                result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        });
    }

    private static boolean indeterminate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IndeterminateOperationStateException) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static <K, V, R> CompletionStage<R> submitOnce(IMap<K, V> map, K key, EntryProcessor<K, V, R> processor) {
        if (!(map instanceof MapProxyImpl<K, V> proxy)) {
            // A Hazelcast client's map: its own fail-on-indeterminate setting applies.
            return HazelcastStages.completedOffHazelcastThreads(map.submitToKey(key, processor));
        }
        NodeEngine engine = proxy.getNodeEngine();
        SerializationService serialization = engine.getSerializationService();
        Data keyData = serialization.toData(key, proxy.getPartitionStrategy());
        MapOperation operation = proxy.getOperationProvider().createEntryOperation(map.getName(), keyData, processor);
        operation.setThreadId(ThreadUtil.getThreadId());
        int membersBefore = engine.getClusterService().getMemberListVersion();
        CompletionStage<Object> invocation = engine.getOperationService()
                .createInvocationBuilder(MapService.SERVICE_NAME, operation,
                        engine.getPartitionService().getPartitionId(keyData))
                .setFailOnIndeterminateOperationState(true)
                .invoke();
        return HazelcastStages.completedOffHazelcastThreads(invocation).thenApply(reply -> {
            // Hazelcast counts every backup still awaited as done when any member leaves: the write may be
            // held by the leader alone, on the smaller side of a split. Sent again, it is confirmed afresh.
            if (engine.getClusterService().getMemberListVersion() != membersBefore) {
                throw new IndeterminateOperationStateException("the cluster's members changed while the write"
                        + " waited for its backups");
            }
            return (R) serialization.toObject(reply);
        });
    }
}
