package io.partitionmq.log;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Coalesces one share-group consumer's acceptances ({@link Coalescer}): per partition one accept operation is
 * in flight, and the offsets accepted meanwhile travel together in the next, so under load one round trip (and
 * one state change on the leader and its backups) acknowledges many records.
 */
public final class ShareAcceptor {
    private static final System.Logger LOG = System.getLogger(ShareAcceptor.class.getName());
    private static final int MAX_OFFSETS_PER_OPERATION = 10_000;

    private final String topic;
    private final Coalescer<Integer, Long, Boolean> accepts;

    public ShareAcceptor(ShareOperations shares, String topic, String group, String consumer,
            ShareGroups.Settings settings) {
        this.topic = topic;
        this.accepts = new Coalescer<>((partition, offsets) -> {
            CompletionStage<boolean[]> reply = shares.acceptAsync(topic, partition, group, consumer,
                    offsets.stream().mapToLong(Long::longValue).toArray(), settings);
            return reply.thenApply(accepted -> {
                List<Boolean> results = new ArrayList<>(accepted.length);
                for (boolean one : accepted) {
                    results.add(one);
                }
                return results;
            });
        }, offset -> MAX_OFFSETS_PER_OPERATION);
    }

    /** Accepts a record this consumer acquired, without waiting. */
    public void accept(int partition, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offsets are not negative, got " + offset);
        }
        accepts.submit(partition, offset, 1).whenComplete((accepted, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "accepting {0}/{1} at offset {2} failed ({3}); the record may be delivered"
                        + " again", topic, partition, offset, failure);
            } else if (!accepted) {
                LOG.log(Level.WARNING, "accepting {0}/{1} at offset {2} came too late: its lock had expired and the"
                        + " record may be delivered again", topic, partition, offset);
            }
        });
    }

    /**
     * Waits until every acceptance made so far has been applied by the partition leaders; a failure is thrown
     * (those records may be delivered again).
     */
    public void awaitApplied() {
        accepts.awaitAll();
    }
}
