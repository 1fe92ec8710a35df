package io.partitionmq.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.partitionmq.access.Access;
import io.partitionmq.group.ConsumerGroups;
import io.partitionmq.group.Subscriptions;
import io.partitionmq.log.BatchPreparer;
import io.partitionmq.log.PartitionAppender;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.transaction.Transactions;
import java.util.Optional;

/**
 * A handle on a broker cluster's operations that calls the Hazelcast cluster itself: in-VM inside a broker, or
 * as a Hazelcast client inside the cluster's trust boundary (tools, benchmarks). It offers a broker's own
 * operations too (recovery, retention, the console's views). Closing it releases what the handle owns and never
 * stops a broker.
 */
public final class DirectConnection implements BrokerConnection {
    private static final String AUTHENTICATION = "pmq.authentication";

    private final PartitionLogs logs;
    private final PartitionAppender appender;
    private final BatchPreparer batches = new BatchPreparer();
    private final ShareGroups shares;
    private final Subscriptions subscriptions;
    private final Leases leases;
    private final TemporaryTopics temporaryTopics;
    private final Brokers brokers;
    private final ConsumerGroups groups;
    private final Transactions transactions;
    private final Runnable onClose;
    private final HazelcastInstance hazelcast;

    DirectConnection(HazelcastInstance hazelcast, Runnable onClose) {
        this.logs = new PartitionLogs(hazelcast);
        this.appender = new PartitionAppender(logs, batches);
        this.shares = new ShareGroups(hazelcast, logs);
        this.subscriptions = new Subscriptions(hazelcast, logs, shares);
        this.leases = new Leases(hazelcast);
        this.temporaryTopics = new TemporaryTopics(hazelcast, logs, leases);
        this.brokers = new Brokers(hazelcast);
        this.groups = new ConsumerGroups(hazelcast, logs);
        this.transactions = new Transactions(hazelcast, logs, shares);
        this.onClose = onClose;
        this.hazelcast = hazelcast;
    }

    /**
     * Calls {@code lost} when this handle loses the cluster: a client's connection to every broker dropped, or
     * the broker it runs in shuts down. Closing the returned handle stops the calls.
     */
    @Override
    public AutoCloseable onConnectionLost(Runnable lost) {
        java.util.UUID registration = hazelcast.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_DISCONNECTED
                    || event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                lost.run();
            }
        });
        return () -> {
            if (hazelcast.getLifecycleService().isRunning()) {
                hazelcast.getLifecycleService().removeLifecycleListener(registration);
            }
        };
    }

    @Override
    public PartitionLogs logs() {
        return logs;
    }

    @Override
    public PartitionAppender appender() {
        return appender;
    }

    @Override
    public ShareGroups shares() {
        return shares;
    }

    @Override
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    @Override
    public Leases leases() {
        return leases;
    }

    @Override
    public BatchPreparer batches() {
        return batches;
    }

    /** The user's access as a broker decides it; acting as them is up to the caller, who is trusted. */
    @Override
    public Optional<Authenticated> authenticate(String user, String password) {
        return access(user, password).map(access -> new Authenticated(access, this, () -> { }));
    }

    /**
     * Asks a broker whether it accepts the credentials (a broker with no users configured accepts any, even none)
     * and what its policy allows the user; empty if it refuses them.
     */
    public Optional<Access> access(String user, String password) {
        try {
            return Optional.ofNullable(hazelcast.getExecutorService(AUTHENTICATION)
                    .submit(new AuthenticateTask(user, password)).get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the brokers checked the credentials", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the brokers could not check the credentials: " + e.getCause(), e);
        }
    }

    public Brokers brokers() {
        return brokers;
    }

    @Override
    public TemporaryTopics temporaryTopics() {
        return temporaryTopics;
    }

    @Override
    public ConsumerGroups groups() {
        return groups;
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }

    @Override
    public void close() {
        try {
            appender.awaitAll();
        } catch (RuntimeException e) {
            // Each send's own stage reported its failure to its sender.
        }
        shares.close();
        logs.close();
        onClose.run();
    }
}
