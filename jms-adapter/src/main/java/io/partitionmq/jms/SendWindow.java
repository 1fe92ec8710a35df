package io.partitionmq.jms;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a connection's sends that return before the broker confirms them (non-persistent sends, and sends
 * with a CompletionListener): once {@link #LIMIT} are on their way, the next sender waits for one to finish,
 * so a fast producer cannot fill the heap.
 */
final class SendWindow {
    static final int LIMIT = 10_000;

    private final Semaphore free = new Semaphore(LIMIT);

    /** Takes a place for a send, waiting while the window is full. */
    void enter() throws InterruptedException {
        free.acquire();
    }

    /** Gives the place back once the send is done, however it ended. */
    void leaveWhenDone(CompletableFuture<?> send) {
        send.whenComplete((result, failure) -> free.release());
    }

    void leave() {
        free.release();
    }

    /** Waits (up to the timeout) until every send on its way has finished; returns whether they all did. */
    boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        if (!free.tryAcquire(LIMIT, timeout, unit)) {
            return false;
        }
        free.release(LIMIT);
        return true;
    }
}
