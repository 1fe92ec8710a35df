package io.partitionmq.transaction;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.partitionmq.log.ConfirmedWrites;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.UnknownTopicException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * Commits transactions that span several partitions so that either all of their work lands or none of it: the
 * work is first recorded in the cluster (replicated, and on disk), then applied partition by partition, then
 * the record is removed. Applying is idempotent (appends carry their producer's sequence numbers), so whoever
 * finds a committing record — its committer retrying, or a broker after the committer died — can finish it.
 * Two-phase commit keeps the record prepared until the transaction manager decides.
 */
public final class Transactions implements TransactionOperations {
    public static final String TRANSACTIONS_MAP = "pmq.transactions";
    private static final System.Logger LOG = System.getLogger(Transactions.class.getName());

    private final IMap<String, byte[]> records;
    private final PartitionLogs logs;
    private final ShareGroups shares;

    public Transactions(HazelcastInstance hazelcast, PartitionLogs logs, ShareGroups shares) {
        this.records = hazelcast.getMap(TRANSACTIONS_MAP);
        this.logs = logs;
        this.shares = shares;
    }

    /**
     * Commits in one phase. Work that a single operation applies goes straight to its partition; other work that
     * sends is recorded first, under a new id owned by {@code ownerLease}. Throws
     * {@link TransactionIncompleteException} if the decision was taken but not all of the work applied: the
     * brokers finish it once the owner's lease is gone.
     */
    public void commit(TransactionWork work, String ownerLease) {
        if (!work.needsRecord()) {
            apply(work);
            return;
        }
        String id = "local-" + java.util.UUID.randomUUID();
        TransactionRecord record = new TransactionRecord(id, TransactionRecord.Status.COMMITTING, ownerLease,
                System.currentTimeMillis(), work);
        // The decision is taken once a backup holds it too; sent again until one does (a second create changes
        // nothing).
        ConfirmedWrites.executeRepeatable(records, id, TransactionOperation.create(record));
        finish(id, work);
    }

    /**
     * The first phase of two: records the work as prepared under {@code id}, to be committed or rolled back by
     * the transaction manager, possibly after a restart. Throws {@link IllegalStateException} if the id is taken.
     */
    public void prepare(String id, TransactionWork work) {
        TransactionRecord record = new TransactionRecord(id, TransactionRecord.Status.PREPARED, "",
                System.currentTimeMillis(), work);
        if (!Boolean.TRUE.equals(records.executeOnKey(id, TransactionOperation.create(record)))) {
            throw new IllegalStateException("transaction " + id + " is already prepared");
        }
    }

    /**
     * Commits a prepared (or committing) transaction. Throws {@link UnknownTransactionException} if there is no
     * such transaction, and {@link TransactionIncompleteException} as {@link #commit} does.
     */
    public void commitPrepared(String id, String ownerLease) {
        byte[] committing = (byte[]) ConfirmedWrites.executeRepeatable(records, id,
                TransactionOperation.commit(ownerLease));
        if (committing == null) {
            throw new UnknownTransactionException(id);
        }
        finish(id, TransactionRecord.fromBytes(committing).work());
    }

    /** Forgets a prepared transaction: none of its work is applied. */
    public void rollbackPrepared(String id) {
        byte[] existing = records.get(id);
        if (existing == null) {
            throw new UnknownTransactionException(id);
        }
        if (TransactionRecord.statusOf(existing) == TransactionRecord.Status.COMMITTING) {
            throw new IllegalStateException("transaction " + id + " is committing; it can no longer roll back");
        }
        records.executeOnKey(id, TransactionOperation.remove());
    }

    /** The ids of the prepared transactions, for a transaction manager's recovery. */
    public List<String> prepared() {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : records.entrySet()) {
            if (TransactionRecord.statusOf(entry.getValue()) == TransactionRecord.Status.PREPARED) {
                ids.add(entry.getKey());
            }
        }
        ids.sort(null);
        return ids;
    }

    /**
     * Finishes the committing transactions this member holds whose owner's lease is gone (their committer died
     * or gave up); only callable on a broker member. Returns how many it finished.
     */
    public int finishAbandoned(Predicate<String> leaseHeld) {
        int finished = 0;
        for (String id : records.localKeySet()) {
            byte[] bytes = records.get(id);
            if (bytes == null || TransactionRecord.statusOf(bytes) != TransactionRecord.Status.COMMITTING) {
                continue;
            }
            TransactionRecord record = TransactionRecord.fromBytes(bytes);
            if (record.owner().isEmpty() || !leaseHeld.test(record.owner())) {
                finish(id, record.work());
                finished++;
            }
        }
        return finished;
    }

    /** Puts the transactions a broker's store kept back into the cluster (after a restart); returns how many. */
    public int restore(Map<String, byte[]> stored) {
        stored.forEach((id, bytes) -> records.executeOnKey(id, TransactionOperation.restore(bytes)));
        return stored.size();
    }

    private void finish(String id, TransactionWork work) {
        try {
            apply(work);
        } catch (RuntimeException e) {
            // The decision stands: hand the record over to the brokers, which apply it again until it lands.
            records.executeOnKey(id, TransactionOperation.commit(""));
            throw new TransactionIncompleteException(id, e);
        }
        records.submitToKey(id, TransactionOperation.remove());
    }

    /** Applies every append and acceptance, in parallel, and waits for all of them. */
    private void apply(TransactionWork work) {
        List<CompletableFuture<?>> operations = new ArrayList<>();
        for (var append : work.appends()) {
            operations.add(logs.appendAsync(append).toCompletableFuture().exceptionally(failure -> {
                if (unwrap(failure) instanceof UnknownTopicException) {
                    LOG.log(Level.INFO, "topic {0} was deleted before a transaction's send to it applied",
                            append.topic());
                    return null;
                }
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }));
        }
        for (ShareAccept accept : work.accepts()) {
            operations.add(shares.acceptAsync(accept.topic(), accept.partition(), accept.group(),
                    accept.consumer(), accept.offsets(), ShareGroups.Settings.DEFAULTS).toCompletableFuture()
                    .exceptionally(failure -> {
                        // A queue's record whose lock was lost comes again; deleted topics have nothing to accept.
                        LOG.log(Level.DEBUG, "a transaction's acceptance on {0} did not apply: {1}",
                                accept.topic(), failure);
                        return null;
                    }));
        }
        try {
            CompletableFuture.allOf(operations.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw unwrap(e) instanceof RuntimeException r ? r : e;
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
