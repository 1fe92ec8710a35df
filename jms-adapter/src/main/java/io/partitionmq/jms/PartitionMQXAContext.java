package io.partitionmq.jms;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import javax.transaction.xa.XAResource;

/**
 * The simplified API's view of a distributed-transaction session: a context over an {@link XASession}, whose work
 * belongs to the branch its {@link XAResource} is associated with; {@code commit} and {@code rollback} throw
 * {@code TransactionInProgressRuntimeException}.
 */
final class PartitionMQXAContext extends PartitionMQContext implements XAJMSContext {
    private final XASession xaSession;

    /** A context that owns {@code connection}, closed again if its session cannot be made. */
    static PartitionMQXAContext over(XAConnection connection) {
        try {
            return new PartitionMQXAContext(connection, connection.createXASession());
        } catch (JMSException e) {
            try {
                connection.close();
            } catch (JMSException closing) {
                e.addSuppressed(closing);
            }
            throw JmsRuntime.of(e);
        }
    }

    private PartitionMQXAContext(XAConnection connection, XASession session) {
        super(connection, session);
        this.xaSession = session;
    }

    @Override
    public JMSContext getContext() {
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return unchecked(() -> {
            xaSession.getSession(); // refused once the session is closed
            return xaSession.getXAResource();
        });
    }
}
