package io.partitionmq.jms;

import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.transaction.TransactionIncompleteException;
import io.partitionmq.transaction.TransactionWork;
import io.partitionmq.transaction.UnknownTransactionException;
import jakarta.jms.JMSException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A connection's part in distributed transactions. The sessions enlisted with it are transacted; the work they
 * do while a branch is associated (sends, acknowledgements) belongs to that branch. Prepare records the branch's
 * work in the cluster ({@link io.partitionmq.transaction.Transactions}), where it survives broker restarts until
 * the transaction manager commits or rolls it back; {@link #recover} lists it. One-phase commit skips the
 * prepared record.
 */
public final class PartitionMQXAResource implements XAResource {
    private static final System.Logger LOG = System.getLogger(PartitionMQXAResource.class.getName());
    private static final String ID_PREFIX = "xa:";

    /** A branch's work, gathered from its sessions when their association ends. */
    private static final class Branch {
        final List<SessionWork.Pending> work = new ArrayList<>();
        volatile boolean rollbackOnly;
        volatile boolean prepared;
    }

    private final PartitionMQConnection connection;
    private final Set<PartitionMQSession> sessions = new CopyOnWriteArraySet<>();
    /** Branches by {@link #idOf} their xid: transaction managers' Xid classes need not define equality. */
    private final Map<String, Branch> branches = new ConcurrentHashMap<>();
    private volatile String associated;
    private volatile int timeoutSeconds;

    PartitionMQXAResource(PartitionMQConnection connection) {
        this.connection = connection;
    }

    /** Makes the session's work part of whichever branch this resource is associated with. */
    public void enlist(jakarta.jms.Session session) throws JMSException {
        if (!(session instanceof PartitionMQSession own) || !own.getTransacted()) {
            throw new jakarta.jms.IllegalStateException("only a transacted PartitionMQ session can be enlisted");
        }
        own.joinBranch(this);
        sessions.add(own);
    }

    /** Whether a branch is associated now: sessions created now belong to a transaction. */
    public boolean isAssociated() {
        return associated != null;
    }

    /** A closing session's work; it belongs to the associated branch, or else is rolled back. */
    void adopt(SessionWork.Pending pending) {
        String current = associated;
        Branch branch = current == null ? null : branches.get(current);
        if (branch != null) {
            branch.work.add(pending);
        } else if (!pending.isEmpty()) {
            pending.rollBack();
        }
    }

    /**
     * Completes work the enlisted sessions did outside any branch (a container that ran no transaction around a
     * delivery after all): committed in one phase, or rolled back so that received messages come again.
     */
    public void completeUnclaimed(boolean commit) throws JMSException {
        if (associated != null) {
            throw new jakarta.jms.IllegalStateException("a branch is associated; its transaction manager decides");
        }
        for (PartitionMQSession session : sessions) {
            SessionWork.Pending pending = session.takeWork();
            if (pending.isEmpty()) {
                continue;
            }
            if (commit) {
                PartitionMQSession.commit(pending, broker(), connection.ownerLease());
            } else {
                pending.rollBack();
            }
        }
    }

    void forget(PartitionMQSession session) {
        sessions.remove(session);
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        if ((flags & (TMJOIN | TMRESUME)) != 0) {
            if (!branches.containsKey(idOf(xid))) {
                throw error(XAException.XAER_NOTA, "no branch " + xid + " to join or resume");
            }
        } else if (branches.putIfAbsent(idOf(xid), new Branch()) != null) {
            throw error(XAException.XAER_DUPID, "branch " + xid + " was started already");
        }
        associated = idOf(xid);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        Branch branch = branch(xid);
        for (PartitionMQSession session : sessions) {
            branch.work.add(session.takeWork());
        }
        if ((flags & TMFAIL) != 0) {
            branch.rollbackOnly = true;
        }
        if (idOf(xid).equals(associated)) {
            associated = null;
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        Branch branch = branch(xid);
        if (branch.rollbackOnly) {
            rollback(xid);
            throw error(XAException.XA_RBROLLBACK, "branch " + xid + " was marked rollback-only");
        }
        TransactionWork work = workOf(branch);
        if (work.isEmpty()) {
            finished(xid, branch, true);
            return XA_RDONLY;
        }
        try {
            broker().transactions().prepare(idOf(xid), work);
        } catch (RuntimeException e) {
            rollback(xid);
            throw error(XAException.XA_RBOTHER, "preparing " + xid + " failed: " + e.getMessage());
        }
        branch.prepared = true;
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        Branch branch = branches.get(idOf(xid));
        try {
            if (onePhase) {
                Branch own = branch(xid);
                if (own.rollbackOnly) {
                    rollback(xid);
                    throw error(XAException.XA_RBROLLBACK, "branch " + xid + " was marked rollback-only");
                }
                broker().transactions().commit(workOf(own), connection.ownerLease());
            } else {
                broker().transactions().commitPrepared(idOf(xid), connection.ownerLease());
            }
        } catch (UnknownTransactionException e) {
            throw error(XAException.XAER_NOTA, e.getMessage());
        } catch (TransactionIncompleteException e) {
            // Decided: the brokers finish it. The transaction manager must not retry nor roll back.
            LOG.log(Level.WARNING, e.getMessage());
        } catch (RuntimeException e) {
            if (onePhase && branch != null) {
                finished(xid, branch, false);
                throw error(XAException.XA_RBOTHER, "committing " + xid + " failed: " + e.getMessage());
            }
            throw error(XAException.XAER_RMFAIL, "committing " + xid + " failed, try again: " + e.getMessage());
        }
        if (branch != null) {
            finished(xid, branch, true);
        }
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        Branch branch = branches.get(idOf(xid));
        if (branch == null || branch.prepared) {
            try {
                broker().transactions().rollbackPrepared(idOf(xid));
            } catch (UnknownTransactionException e) {
                if (branch == null) {
                    throw error(XAException.XAER_NOTA, e.getMessage());
                }
            } catch (RuntimeException e) {
                throw error(XAException.XAER_RMFAIL, "rolling back " + xid + " failed: " + e.getMessage());
            }
        }
        if (branch != null) {
            if (idOf(xid).equals(associated)) {
                end(xid, TMFAIL);
            }
            finished(xid, branch, false);
        }
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & TMSTARTRSCAN) == 0) {
            return new Xid[0];
        }
        try {
            return broker().transactions().prepared().stream().filter(id -> id.startsWith(ID_PREFIX))
                    .map(PartitionMQXAResource::xidOf).toArray(Xid[]::new);
        } catch (RuntimeException e) {
            throw error(XAException.XAER_RMFAIL, "listing prepared transactions failed: " + e.getMessage());
        }
    }

    @Override
    public void forget(Xid xid) throws XAException {
        // PartitionMQ takes no heuristic decisions, so there is never one to forget.
        throw error(XAException.XAER_NOTA, "no heuristically completed branch " + xid);
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        timeoutSeconds = seconds;
        return true;
    }

    private BrokerConnection broker() {
        return connection.broker();
    }

    private Branch branch(Xid xid) throws XAException {
        Branch branch = branches.get(idOf(xid));
        if (branch == null) {
            throw error(XAException.XAER_NOTA, "no branch " + xid + " on this resource");
        }
        return branch;
    }

    private TransactionWork workOf(Branch branch) {
        List<TransactionWork> parts = new ArrayList<>();
        for (SessionWork.Pending pending : branch.work) {
            parts.add(pending.work(broker().batches()));
        }
        return TransactionWork.combine(parts);
    }

    /** The branch is over: committed work is acknowledged locally too, rolled back work is delivered again. */
    private void finished(Xid xid, Branch branch, boolean committed) {
        branches.remove(idOf(xid));
        for (SessionWork.Pending pending : branch.work) {
            if (committed) {
                try {
                    pending.committed();
                } catch (JMSException e) {
                    LOG.log(Level.WARNING, "acknowledging a subscriber's messages of " + xid + " failed", e);
                }
            } else {
                pending.rollBack();
            }
        }
    }

    static String idOf(Xid xid) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return ID_PREFIX + xid.getFormatId() + ":" + base64.encodeToString(xid.getGlobalTransactionId()) + ":"
                + base64.encodeToString(xid.getBranchQualifier());
    }

    static Xid xidOf(String id) {
        String[] parts = id.substring(ID_PREFIX.length()).split(":", -1);
        Base64.Decoder base64 = Base64.getUrlDecoder();
        return new StoredXid(Integer.parseInt(parts[0]), base64.decode(parts[1]), base64.decode(parts[2]));
    }

    /** A transaction id read back from the cluster, for {@link #recover}. */
    record StoredXid(int formatId, byte[] globalTransactionId, byte[] branchQualifier) implements Xid {
        @Override
        public int getFormatId() {
            return formatId;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return globalTransactionId.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return branchQualifier.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Xid xid && idOf(xid).equals(idOf(this));
        }

        @Override
        public int hashCode() {
            return idOf(this).hashCode();
        }

        @Override
        public String toString() {
            return idOf(this);
        }
    }

    private static XAException error(int code, String message) {
        XAException e = new XAException(message);
        e.errorCode = code;
        return e;
    }
}
