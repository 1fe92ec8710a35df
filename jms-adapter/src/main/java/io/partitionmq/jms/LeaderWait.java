package io.partitionmq.jms;

import java.util.concurrent.TimeUnit;

/**
 * How long a consumer (a queue's, or a topic subscriber) waits on a partition's leader to be pushed records, and
 * when it renews that wait.
 */
final class LeaderWait {
    /**
     * The longest wait on a leader. A consumer still waiting renews it halfway through, asking again while the
     * leader still pushes, so a wait a new leader lost costs at most the half.
     */
    private static final long MAX_MILLIS = 2_000;
    /** Shorter waits are not worth registering: such a consumer asks once and returns. */
    private static final long MIN_MILLIS = 50;

    private LeaderWait() {
    }

    /** The wait to leave on the leaders when the caller would wait {@code waitMillis}: 0 for none. */
    static long forCaller(long waitMillis) {
        return waitMillis < MIN_MILLIS ? 0 : Math.min(waitMillis, MAX_MILLIS);
    }

    /** Until when (System.nanoTime) a wait of {@code waitMillis} asked at {@code askedNanos} stands unrenewed. */
    static long renewalDue(long askedNanos, long waitMillis) {
        return askedNanos + TimeUnit.MILLISECONDS.toNanos(waitMillis / 2);
    }

    /** Whether a wait whose renewal is due at {@code renewalDue} (0: no wait) stands now, not due yet. */
    static boolean waiting(long renewalDue) {
        return renewalDue != 0 && System.nanoTime() - renewalDue < 0;
    }
}
