package io.partitionmq.ra;

import io.partitionmq.jms.PartitionMQXAResource;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import java.nio.ByteBuffer;
import java.util.UUID;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A resource-local transaction, as a server runs one when PartitionMQ is the only resource it uses: a one-phase
 * branch of the connection's transactional resource under an id of its own.
 */
final class ResourceLocalTransaction implements LocalTransaction {
    /** Format id of the branches local transactions open; never seen by a transaction manager. */
    private static final int LOCAL_FORMAT = 0x504d514c;

    private final PartitionMQXAResource resource;
    private Xid current;

    ResourceLocalTransaction(PartitionMQXAResource resource) {
        this.resource = resource;
    }

    @Override
    public void begin() throws ResourceException {
        if (current != null) {
            throw new LocalTransactionException("a local transaction is active on this connection already");
        }
        Xid xid = localXid();
        try {
            resource.start(xid, XAResource.TMNOFLAGS);
        } catch (XAException e) {
            throw failure("beginning", e);
        }
        current = xid;
    }

    @Override
    public void commit() throws ResourceException {
        Xid xid = take();
        try {
            resource.end(xid, XAResource.TMSUCCESS);
            resource.commit(xid, true);
        } catch (XAException e) {
            throw failure("committing", e);
        }
    }

    @Override
    public void rollback() throws ResourceException {
        Xid xid = take();
        try {
            resource.end(xid, XAResource.TMFAIL);
            resource.rollback(xid);
        } catch (XAException e) {
            throw failure("rolling back", e);
        }
    }

    private Xid take() throws LocalTransactionException {
        Xid xid = current;
        if (xid == null) {
            throw new LocalTransactionException("no local transaction is active on this connection");
        }
        current = null;
        return xid;
    }

    private static Xid localXid() {
        UUID id = UUID.randomUUID();
        byte[] global = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
        return new Xid() {
            @Override
            public int getFormatId() {
                return LOCAL_FORMAT;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return global.clone();
            }

            @Override
            public byte[] getBranchQualifier() {
                return new byte[0];
            }
        };
    }

    private static LocalTransactionException failure(String doing, XAException e) {
        LocalTransactionException failure = new LocalTransactionException(doing + " the local transaction failed: "
                + e.getMessage() + " (XA error " + e.errorCode + ")");
        failure.initCause(e);
        return failure;
    }
}
