package io.partitionmq.log;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Coalesces one share-group consumer's acceptances. Per partition at most one accept operation is in flight;
 * offsets accepted meanwhile travel together in the next one. Under load one round trip (and one state change
 * on the leader and its backups) acknowledges many records; when idle, an acceptance leaves at once.
 */
public final class ShareAcceptor {
    private static final System.Logger LOG = System.getLogger(ShareAcceptor.class.getName());

    private final ShareGroups shares;
    private final String topic;
    private final String group;
    private final String consumer;
    private final ShareGroups.Settings settings;
    /** Guarded by this. */
    private final Map<Integer, Lane> lanes = new HashMap<>();

    /** One partition's acceptances: those on their way, and those waiting for them. */
    private static final class Lane {
        final List<Long> waiting = new ArrayList<>();
        /** Completes when the waiting offsets were applied; null when none wait. */
        CompletableFuture<Void> waitingApplied;
        /** The operation on its way; null when none is. */
        CompletableFuture<Void> inFlight;
    }

    public ShareAcceptor(ShareGroups shares, String topic, String group, String consumer,
            ShareGroups.Settings settings) {
        this.shares = shares;
        this.topic = topic;
        this.group = group;
        this.consumer = consumer;
        this.settings = settings;
    }

    /** Accepts a record this consumer acquired, without waiting. */
    public synchronized void accept(int partition, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offsets are not negative, got " + offset);
        }
        Lane lane = lanes.computeIfAbsent(partition, p -> new Lane());
        lane.waiting.add(offset);
        if (lane.waitingApplied == null) {
            lane.waitingApplied = new CompletableFuture<>();
        }
        if (lane.inFlight == null) {
            send(partition, lane);
        }
    }

    /** Holding this: sends the lane's waiting offsets as one operation. */
    private void send(int partition, Lane lane) {
        long[] offsets = lane.waiting.stream().mapToLong(Long::longValue).toArray();
        lane.waiting.clear();
        CompletableFuture<Void> applied = lane.waitingApplied;
        lane.waitingApplied = null;
        lane.inFlight = applied;
        CompletionStage<boolean[]> reply;
        try {
            reply = shares.acceptAsync(topic, partition, group, consumer, offsets, settings);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((accepted, failure) -> {
            if (failure == null) {
                reportLate(partition, offsets, accepted);
                applied.complete(null);
            } else {
                LOG.log(Level.WARNING, "accepting " + offsets.length + " records of " + topic + "/" + partition
                        + " failed; they may be delivered again", failure);
                applied.completeExceptionally(failure);
            }
            synchronized (this) {
                lane.inFlight = null;
                if (!lane.waiting.isEmpty()) {
                    send(partition, lane);
                }
            }
        });
    }

    private void reportLate(int partition, long[] offsets, boolean[] accepted) {
        for (int i = 0; i < offsets.length; i++) {
            if (!accepted[i]) {
                LOG.log(Level.WARNING, "accepting {0}/{1} at offset {2} came too late: its lock had expired and the"
                        + " record may be delivered again", topic, partition, offsets[i]);
            }
        }
    }

    /**
     * Waits until every acceptance made so far has been applied by the partition leaders (or has failed, which
     * is thrown: those records may be delivered again).
     */
    public void awaitApplied() {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        synchronized (this) {
            for (Lane lane : lanes.values()) {
                if (lane.inFlight != null) {
                    pending.add(lane.inFlight);
                }
                if (lane.waitingApplied != null) {
                    pending.add(lane.waitingApplied);
                }
            }
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
