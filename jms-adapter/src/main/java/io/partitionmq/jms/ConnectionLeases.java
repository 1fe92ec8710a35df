package io.partitionmq.jms;

import io.partitionmq.cluster.LeaseOperations;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cluster-wide names a connection holds (its client id), renewed while it lives, released when it closes,
 * and freed by expiry if its process dies; and other registrations renewed along with them.
 */
final class ConnectionLeases implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConnectionLeases.class.getName());
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "partitionmq-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    private final LeaseOperations leases;
    private final String owner;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Set<Runnable> renewals = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> renewal;

    ConnectionLeases(LeaseOperations leases, String owner) {
        this.leases = leases;
        this.owner = owner;
        long period = TTL.toMillis() / 3;
        this.renewal = RENEWALS.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** Takes a name for this connection; false if another live connection holds it. */
    boolean acquire(String name) {
        if (leases.acquire(name, owner, TTL)) {
            held.add(name);
            return true;
        }
        return false;
    }

    /**
     * Runs {@code renewal} with every round of renewals (a third of the lease time) until the returned handle is
     * closed: for other things the cluster forgets unless renewed, such as a shared subscription's consumer.
     */
    AutoCloseable keepRenewed(Runnable renewal) {
        renewals.add(renewal);
        return () -> renewals.remove(renewal);
    }

    private void renew() {
        for (Runnable renewal : renewals) {
            try {
                renewal.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a renewal failed; retrying", e);
            }
        }
        for (String name : held) {
            try {
                if (!leases.renew(name, owner, TTL)) {
                    LOG.log(Level.WARNING, "the lease on {0} was lost to another connection", name);
                    held.remove(name);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "renewing the lease on " + name + " failed; retrying", e);
            }
        }
    }

    @Override
    public void close() {
        renewal.cancel(false);
        for (String name : held) {
            try {
                leases.release(name, owner);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "releasing " + name + " failed; it expires by itself", e);
            }
        }
        held.clear();
        renewals.clear();
    }
}
