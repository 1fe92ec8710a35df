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
            long[] accepting = offsets.stream().mapToLong(Long::longValue).toArray();
            CompletionStage<boolean[]> reply = shares.acceptAsync(topic, partition, group, consumer, accepting,
                    settings);
            return reply.whenComplete((accepted, failure) -> report(partition, accepting, accepted, failure))
                    .thenApply(accepted -> {
                        List<Boolean> results = new ArrayList<>(accepted.length);
                        for (boolean one : accepted) {
                            results.add(one);
                        }
                        return results;
                    });
        }, offset -> MAX_OFFSETS_PER_OPERATION);
    }

    /** One warning per operation that left records to be delivered again, not one per record. */
    private void report(int partition, long[] offsets, boolean[] accepted, Throwable failure) {
        String records = " record(s) of " + topic + "/" + partition + " (offsets " + offsets[0] + " to "
                + offsets[offsets.length - 1] + ")";
        if (failure != null) {
            LOG.log(Level.WARNING, "accepting " + offsets.length + records + " failed (" + failure
                    + "); they may be delivered again");
            return;
        }
        int late = 0;
        for (boolean one : accepted) {
            late += one ? 0 : 1;
        }
        if (late > 0) {
            LOG.log(Level.WARNING, "accepting " + late + " of " + offsets.length + records + " came too late: their"
                    + " locks had expired and they may be delivered again");
        }
    }

    /** Accepts a record this consumer acquired, without waiting; a failure is logged, once per operation. */
    public void accept(int partition, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offsets are not negative, got " + offset);
        }
        accepts.submit(partition, offset, 1);
    }

    /**
     * Waits until every acceptance made so far has been applied by the partition leaders; a failure is thrown
     * (those records may be delivered again).
     */
    public void awaitApplied() {
        accepts.awaitAll();
    }
}
