package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.BrokerConfig;
import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.remote.Gateway;
import io.partitionmq.store.FlushPolicy;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection's XAResource, driven as a transaction manager drives it: work done between start and end is
 * invisible until commit, prepared work survives a broker restart and is listed by recover, rollback sends
 * nothing and delivers received messages again.
 */
class XATransactionTest {
    private static final long WAIT = 10_000;

    @TempDir
    Path data;

    private record TestXid(int getFormatId, byte[] gtrid, byte[] bqual) implements Xid {
        static TestXid of(String name) {
            return new TestXid(4660, name.getBytes(StandardCharsets.UTF_8), new byte[] {1});
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return bqual.clone();
        }
    }

    /** A factory for clients of the broker, on a client port of its own. */
    private static PartitionMQConnectionFactory factoryFor(Broker broker) {
        PartitionMQConnectionFactory factory = new PartitionMQConnectionFactory(Gateway.open(broker, 0).address());
        factory.setClusterName(broker.config().clusterName());
        return factory;
    }

    /** A transacted session whose work belongs to the branch {@code xid}, started on {@code xa}. */
    private static Session enlistedInNewBranch(Connection connection, PartitionMQXAResource xa, Xid xid)
            throws JMSException, XAException {
        xa.start(xid, XAResource.TMNOFLAGS);
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        xa.enlist(session);
        return session;
    }

    private static List<String> drain(Session session, Queue queue) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(queue)) {
            for (Message message = consumer.receive(2_000); message != null; message = consumer.receive(500)) {
                texts.add(((TextMessage) message).getText());
            }
        }
        return texts;
    }

    @Test
    void preparedWorkIsInvisibleSurvivesARestartAndCommitsWhenTheManagerRecoversIt() throws Exception {
        BrokerConfig config = BrokerConfig.loopback(TestBrokers.freePort(), data).withFlush(FlushPolicy.ALWAYS);
        Broker broker = Broker.start(config);
        Xid xid = TestXid.of("order-17");
        try (Connection connection = factoryFor(broker).createConnection()) {
            connection.start();
            broker.connect().logs().createTopic("orders", 3);
            PartitionMQXAResource xa = ((PartitionMQConnection) connection).xaResource();
            Session session = enlistedInNewBranch(connection, xa, xid);
            Queue orders = session.createQueue("orders");
            MessageProducer producer = session.createProducer(orders);
            for (int i = 0; i < 6; i++) {
                producer.send(session.createTextMessage("order " + i));
            }
            assertThrows(TransactionInProgressException.class, session::commit,
                    "the transaction manager, not the session, commits a distributed transaction");
            xa.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, xa.prepare(xid));

            Session reader = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertEquals(List.of(), drain(reader, orders), "prepared work is not visible");
            Xid[] inDoubt = xa.recover(XAResource.TMSTARTRSCAN);
            assertEquals(1, inDoubt.length);
            assertArrayEquals(xid.getGlobalTransactionId(), inDoubt[0].getGlobalTransactionId());
        }
        broker.kill();

        try (Broker restarted = Broker.start(config);
                Connection connection = factoryFor(restarted).createConnection()) {
            connection.start();
            PartitionMQXAResource xa = ((PartitionMQConnection) connection).xaResource();
            Xid[] inDoubt = xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            assertEquals(1, inDoubt.length, "the prepared transaction survived the restart");
            assertEquals(xid.getFormatId(), inDoubt[0].getFormatId());
            assertArrayEquals(xid.getBranchQualifier(), inDoubt[0].getBranchQualifier());
            xa.commit(inDoubt[0], false);

            Session reader = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<String> received = drain(reader, reader.createQueue("orders"));
            received.sort(null);
            assertEquals(List.of("order 0", "order 1", "order 2", "order 3", "order 4", "order 5"), received,
                    "every message of the transaction, once");
            assertEquals(0, xa.recover(XAResource.TMSTARTRSCAN).length);
            XAException unknown = assertThrows(XAException.class, () -> xa.commit(inDoubt[0], false));
            assertEquals(XAException.XAER_NOTA, unknown.errorCode);
        }
    }

    @Test
    void aRolledBackBranchSendsNothingAndItsReceivedMessageComesAgainMarkedRedelivered() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            PartitionMQConnectionFactory factory = factoryFor(brokers.get(0));
            try (Connection connection = factory.createConnection()) {
                connection.start();
                Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Queue requests = plain.createQueue("requests");
                Queue replies = plain.createQueue("replies");
                plain.createProducer(requests).send(plain.createTextMessage("request"));

                PartitionMQXAResource xa = ((PartitionMQConnection) connection).xaResource();

                Xid xid = TestXid.of("reply-1");

                Session session = enlistedInNewBranch(connection, xa, xid);
                MessageConsumer consumer = session.createConsumer(requests);
                TextMessage request = (TextMessage) consumer.receive(WAIT);
                assertNotNull(request);
                session.createProducer(replies).send(session.createTextMessage("reply to " + request.getText()));
                consumer.close();
                session.close();
                xa.end(xid, XAResource.TMSUCCESS);
                assertEquals(XAResource.XA_OK, xa.prepare(xid));
                xa.rollback(xid);

                assertEquals(List.of(), drain(plain, replies), "a rolled back branch sends nothing");
                try (MessageConsumer again = plain.createConsumer(requests)) {
                    Message redelivered = again.receive(WAIT);
                    assertNotNull(redelivered, "the received message comes again");
                    assertTrue(redelivered.getJMSRedelivered());
                    assertEquals(2, redelivered.getIntProperty("JMSXDeliveryCount"));
                }
                assertEquals(0, xa.recover(XAResource.TMSTARTRSCAN).length);
            }
        }
    }

    @Test
    void aOnePhaseCommitAppliesSendsAndReceivesTogether() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            try (Connection connection = factoryFor(brokers.get(0)).createConnection()) {
                connection.start();
                Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Queue in = plain.createQueue("in");
                Queue out = plain.createQueue("out");
                plain.createProducer(in).send(plain.createTextMessage("work"));

                PartitionMQXAResource xa = ((PartitionMQConnection) connection).xaResource();

                Xid xid = TestXid.of("one-phase");

                Session session = enlistedInNewBranch(connection, xa, xid);
                try (MessageConsumer consumer = session.createConsumer(in)) {
                    assertNotNull(consumer.receive(WAIT));
                }
                session.createProducer(out).send(session.createTextMessage("done"));
                xa.end(xid, XAResource.TMSUCCESS);
                xa.commit(xid, true);

                assertEquals(List.of("done"), drain(plain, out));
                try (MessageConsumer consumer = plain.createConsumer(in)) {
                    assertNull(consumer.receive(1_000), "the received message was acknowledged by the commit");
                }
            }
        }
    }

    @Test
    void theXaInterfacesGiveSessionsAndContextsWhoseWorkTheTransactionManagerCommits() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(1, data)) {
            jakarta.jms.XAConnectionFactory factory = factoryFor(brokers.get(0));
            Xid xid = TestXid.of("xa-api");
            try (jakarta.jms.XAConnection connection = factory.createXAConnection()) {
                connection.start();
                jakarta.jms.XASession xaSession = connection.createXASession();
                assertTrue(xaSession.getTransacted(), "an XA session is transacted (JMS 6.2.8)");
                XAResource xa = xaSession.getXAResource();
                xa.start(xid, XAResource.TMNOFLAGS);
                Session session = xaSession.getSession();
                Queue audits = session.createQueue("audits");
                session.createProducer(audits).send(session.createTextMessage("audited"));
                assertThrows(TransactionInProgressException.class, session::commit);
                assertThrows(TransactionInProgressException.class, session::rollback);
                xa.end(xid, XAResource.TMSUCCESS);
                Session reader = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                assertEquals(List.of(), drain(reader, audits), "nothing before the manager commits");
                xa.commit(xid, true);
                assertEquals(List.of("audited"), drain(reader, audits));
                xaSession.close();
                assertThrows(jakarta.jms.IllegalStateException.class, xaSession::getSession);
            }

            Xid contextXid = TestXid.of("xa-context");
            try (jakarta.jms.XAJMSContext context = factory.createXAContext()) {
                assertTrue(context.getTransacted());
                assertEquals(jakarta.jms.JMSContext.SESSION_TRANSACTED, context.getSessionMode());
                XAResource xa = context.getXAResource();
                xa.start(contextXid, XAResource.TMNOFLAGS);
                context.createProducer().send(context.createQueue("audits"), "from a context");
                assertThrows(jakarta.jms.TransactionInProgressRuntimeException.class, context::commit);
                xa.end(contextXid, XAResource.TMSUCCESS);
                xa.rollback(contextXid);
                assertTrue(context.getContext() == context, "the context is its own JMSContext view");
            }
            try (Connection connection = factoryFor(brokers.get(0)).createConnection()) {
                connection.start();
                assertEquals(List.of(), drain(connection.createSession(false, Session.AUTO_ACKNOWLEDGE),
                        connection.createSession().createQueue("audits")), "the rolled-back send never lands");
            }
        }
    }
}
