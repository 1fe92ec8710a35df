package io.partitionmq.log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToLongFunction;

/**
 * Turns items submitted one at a time into as few operations as possible: per key (a partition) one operation
 * is in flight; items submitted meanwhile wait and leave together in the next one, up to the key's capacity.
 * Under load one round trip carries many items; when idle an item leaves at once, so nothing lingers. Items of
 * one key are sent, and completed, in the order submitted.
 *
 * @param <K> what items are grouped by
 * @param <T> an item
 * @param <R> an item's result
 */
public final class Coalescer<K, T, R> {
    /** Sends one batch of a key's items; the stage completes with one result per item, in order. */
    @FunctionalInterface
    public interface Sender<K, T, R> {
        CompletionStage<List<R>> send(K key, List<T> items);
    }

    private record Pending<T, R>(T item, long weight, CompletableFuture<R> result) {
    }

    /** One key's items: those waiting, and whether an operation is on its way; dropped when idle. */
    private static final class Lane<T, R> {
        final ArrayDeque<Pending<T, R>> waiting = new ArrayDeque<>();
        boolean sending;
        CompletableFuture<R> last;
    }

    /** Sends the items that waited while an operation was on its way; threads end when idle. */
    private static final ExecutorService FOLLOW_UPS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "partitionmq-coalescer");
        thread.setDaemon(true);
        return thread;
    });

    private final Sender<K, T, R> sender;
    private final ToLongFunction<T> capacity;
    /** Guarded by this. */
    private final Map<K, Lane<T, R>> lanes = new HashMap<>();
    /** Guarded by this: the first failure since the last {@link #awaitAll}. */
    private Throwable failure;

    /**
     * @param capacity how much weight one operation may carry, given its first item (at least that one goes)
     */
    public Coalescer(Sender<K, T, R> sender, ToLongFunction<T> capacity) {
        this.sender = sender;
        this.capacity = capacity;
    }

    /** Submits an item of the given weight; the stage completes with its result once its operation is done. */
    public CompletableFuture<R> submit(K key, T item, long weight) {
        CompletableFuture<R> result = new CompletableFuture<>();
        synchronized (this) {
            Lane<T, R> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
            lane.waiting.add(new Pending<>(item, weight, result));
            lane.last = result;
            if (!lane.sending) {
                send(key, lane);
            }
        }
        return result;
    }

    /** Holding this: sends the lane's oldest waiting items, as many as its capacity takes. */
    private void send(K key, Lane<T, R> lane) {
        long room = capacity.applyAsLong(lane.waiting.peek().item());
        List<Pending<T, R>> batch = new ArrayList<>();
        long weight = 0;
        while (!lane.waiting.isEmpty()
                && (batch.isEmpty() || weight + lane.waiting.peek().weight() <= room)) {
            Pending<T, R> next = lane.waiting.poll();
            weight += next.weight();
            batch.add(next);
        }
        lane.sending = true;
        CompletionStage<List<R>> reply;
        try {
            reply = sender.send(key, batch.stream().map(Pending::item).toList());
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((results, error) -> {
            for (int i = 0; i < batch.size(); i++) {
                if (error == null) {
                    batch.get(i).result().complete(results.get(i));
                } else {
                    batch.get(i).result().completeExceptionally(error);
                }
            }
            synchronized (this) {
                if (error != null && failure == null) {
                    failure = error;
                }
                if (lane.waiting.isEmpty()) {
                    lane.sending = false;
                    if (lanes.get(key) == lane) {
                        lanes.remove(key);
                    }
                    return;
                }
            }
            // Not from this thread: it may be Hazelcast's reply thread, which must not make remote calls.
            FOLLOW_UPS.execute(() -> {
                synchronized (this) {
                    send(key, lane);
                }
            });
        });
    }

    /**
     * Waits until every item submitted so far is done; throws the first failure since the last call, if any
     * (those items' own stages say which they were).
     */
    public void awaitAll() {
        List<CompletableFuture<R>> lastOfEachKey = new ArrayList<>();
        synchronized (this) {
            for (Lane<T, R> lane : lanes.values()) {
                if (lane.last != null) {
                    lastOfEachKey.add(lane.last);
                }
            }
        }
        for (CompletableFuture<R> last : lastOfEachKey) {
            last.exceptionally(error -> null).join();
        }
        Throwable failed;
        synchronized (this) {
            failed = failure;
            failure = null;
        }
        if (failed != null) {
            Throwable cause = failed instanceof CompletionException && failed.getCause() != null
                    ? failed.getCause() : failed;
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }
    }
}
