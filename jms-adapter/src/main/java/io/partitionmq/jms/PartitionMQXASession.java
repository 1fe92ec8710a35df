package io.partitionmq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicSession;
import javax.transaction.xa.XAResource;

/**
 * A session of distributed transactions (JMS 6.2.8): transacted, enlisted with its connection's
 * {@link PartitionMQXAResource} from the start, so its work belongs to whichever branch the transaction manager
 * associates; {@code commit} and {@code rollback} are the transaction manager's
 * ({@code TransactionInProgressException} here).
 */
final class PartitionMQXASession extends PartitionMQSession implements XASession, XAQueueSession, XATopicSession {
    PartitionMQXASession(PartitionMQConnection connection) {
        super(connection, Session.SESSION_TRANSACTED);
    }

    @Override
    public Session getSession() throws JMSException {
        requireOpen();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        requireOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        requireOpen();
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return connection().xaResource();
    }
}
