package io.partitionmq.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The barrier after a restart: a broker accepts appends only once every member of the cluster has offered the
 * replicas it recovered from disk. Otherwise a broker could hand out offsets that a replica still to be offered
 * holds, and the newer replica would later win with those records lost.
 */
final class ClusterRecovery {
    private static final System.Logger LOG = System.getLogger(ClusterRecovery.class.getName());
    static final String MARKS_MAP = "pmq.recovery";

    private ClusterRecovery() {
    }

    /**
     * Waits (up to {@code timeout}) until the cluster has at least {@code size} members and the split-brain
     * protection {@code protection} (null for none) says so too: below that, the protection refuses every write,
     * recovery's included. The protection learns of a join from a membership event a moment after the member
     * list has it, so a broker that joined checks both.
     */
    static void awaitMinimumSize(HazelcastInstance member, int size, String protection, Duration timeout)
            throws InterruptedException {
        Object changed = new Object();
        UUID members = wakeOnMembershipChange(member, changed);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (changed) {
                while (true) {
                    int joined = member.getCluster().getMembers().size();
                    boolean protectionAgrees = protection == null || member.getSplitBrainProtectionService()
                            .getSplitBrainProtection(protection).hasMinimumSize();
                    if (joined >= size && protectionAgrees) {
                        return;
                    }
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new IllegalStateException("only " + joined + " of the " + size + " brokers"
                                + " partitionmq.cluster.min-size asks for joined within " + timeout
                                + (joined >= size ? " (as far as split-brain protection knows)" : ""));
                    }
                    if (joined < size) {
                        LOG.log(Level.INFO, "waiting for {0} more brokers to join before accepting writes",
                                size - joined);
                    }
                    changed.wait(Math.min(left, joined < size ? 10_000 : 50));
                }
            }
        } finally {
            member.getCluster().removeMembershipListener(members);
        }
    }

    /** Wakes threads waiting on {@code changed} whenever a member joins or leaves; returns the registration. */
    private static UUID wakeOnMembershipChange(HazelcastInstance member, Object changed) {
        return member.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                wake(changed);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                wake(changed);
            }
        });
    }

    /** Marks this member as recovered and waits (up to {@code timeout}) until every current member is. */
    static void markAndAwait(HazelcastInstance member, Duration timeout) throws InterruptedException {
        IMap<UUID, Boolean> marks = member.getMap(MARKS_MAP);
        Object changed = new Object();
        UUID entries = marks.addEntryListener((EntryAddedListener<UUID, Boolean>) e -> wake(changed), false);
        UUID members = wakeOnMembershipChange(member, changed);
        try {
            marks.set(member.getCluster().getLocalMember().getUuid(), Boolean.TRUE);
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (changed) {
                Set<UUID> waitingFor;
                while (!(waitingFor = unmarked(member, marks)).isEmpty()) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        LOG.log(Level.WARNING, "members {0} did not finish recovering within {1}; accepting"
                                + " appends anyway", waitingFor, timeout);
                        return;
                    }
                    changed.wait(Math.min(left, 1_000));
                }
            }
        } finally {
            marks.removeEntryListener(entries);
            member.getCluster().removeMembershipListener(members);
        }
    }

    /**
     * Waits until every partition has its backups in place (Hazelcast's "cluster safe"). Right after a member
     * joins, partition replicas are still migrating to it, and a backup sent meanwhile may only arrive with the
     * next replica sync; a broker reports itself started only once that window has closed.
     */
    static void awaitReplicasInSync(HazelcastInstance member, Duration timeout) throws InterruptedException {
        Object changed = new Object();
        UUID migrations = member.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
            }

            @Override
            public void migrationFinished(MigrationState state) {
                wake(changed);
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent event) {
            }
        });
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (changed) {
                while (!member.getPartitionService().isClusterSafe()) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        LOG.log(Level.WARNING, "partition replicas are not in sync after {0}; starting anyway",
                                timeout);
                        return;
                    }
                    changed.wait(Math.min(left, 200));
                }
            }
        } finally {
            member.getPartitionService().removeMigrationListener(migrations);
        }
    }

    private static Set<UUID> unmarked(HazelcastInstance member, IMap<UUID, Boolean> marks) {
        return member.getCluster().getMembers().stream().map(Member::getUuid)
                .filter(uuid -> !marks.containsKey(uuid)).collect(Collectors.toSet());
    }

    private static void wake(Object changed) {
        synchronized (changed) {
            changed.notifyAll();
        }
    }
}
