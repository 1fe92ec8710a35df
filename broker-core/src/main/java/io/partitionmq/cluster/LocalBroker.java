package io.partitionmq.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * The broker running in this JVM, if any. A server hosts at most one; its resource adapter and web module find
 * it here and call it in-VM. Both must load this class from the same class loader (see README).
 */
public final class LocalBroker {
    private static Broker current;

    private LocalBroker() {
    }

    /** Starts the JVM's broker; fails if one is running already. */
    public static synchronized Broker start(BrokerConfig config) {
        if (current != null && current.isRunning()) {
            throw new IllegalStateException("a PartitionMQ broker is already running in this JVM: " + current.id());
        }
        current = Broker.start(config);
        LocalBroker.class.notifyAll();
        return current;
    }

    public static synchronized Optional<Broker> get() {
        return Optional.ofNullable(current).filter(Broker::isRunning);
    }

    /** Waits up to {@code timeout} for the JVM's broker to be started. */
    public static synchronized Optional<Broker> await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (get().isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            LocalBroker.class.wait(Math.max(1, left / 1_000_000));
        }
        return get();
    }

    /** Stops the JVM's broker, if one runs. */
    public static synchronized void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
