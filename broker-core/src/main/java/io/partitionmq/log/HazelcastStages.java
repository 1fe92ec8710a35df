package io.partitionmq.log;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hazelcast's futures run every dependent step ({@code thenApply}, {@code whenComplete}, ...) on their default
 * async executor: the common pool, or, on a machine with two cores or fewer (where that pool has one thread), a
 * new thread per step. Starting that thread cost a synchronous append about 150 of its 200 µs there. A stage
 * passed through here is a plain future completed on a pooled thread of ours: not on the Hazelcast thread that
 * received the reply, because a dependent step may send the next operation (a partition thread may not) or wait
 * (which would hold up every reply behind it).
 */
final class HazelcastStages {
    private static final ExecutorService DEPENDENTS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "partitionmq-replies");
        thread.setDaemon(true);
        return thread;
    });

    private HazelcastStages() {
    }

    static <T> CompletableFuture<T> completedOffHazelcastThreads(CompletionStage<T> hazelcastStage) {
        CompletableFuture<T> plain = new CompletableFuture<>();
        hazelcastStage.whenCompleteAsync((value, failure) -> {
            if (failure == null) {
                plain.complete(value);
            } else {
                plain.completeExceptionally(failure);
            }
        }, DEPENDENTS);
        return plain;
    }

    /** Where the dependents run, for steps that must not run on a Hazelcast thread either. */
    static Executor dependents() {
        return DEPENDENTS;
    }
}
