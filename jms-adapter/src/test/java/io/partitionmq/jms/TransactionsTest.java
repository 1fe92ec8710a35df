package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jakarta Messaging 3.1, section 6.2.7 (transactions): each assertion a sentence of the specification. */
class TransactionsTest {
    private static final long WAIT = 10_000;

    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    @Test
    void aTransactionsReceivesAndSendsTakeEffectTogetherAtCommit() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session plain = connection.createSession();
            Queue in = plain.createQueue("tx-in");
            Queue out = plain.createQueue("tx-out");
            plain.createProducer(in).send(plain.createTextMessage("work"));

            Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer worker = transacted.createConsumer(in);
            TextMessage work = (TextMessage) worker.receive(WAIT);
            transacted.createProducer(out).send(transacted.createTextMessage("done: " + work.getText()));
            MessageConsumer results = plain.createConsumer(out);
            assertNull(results.receive(300), "a transaction's send is not visible before commit");
            transacted.commit();
            assertEquals("done: work", ((TextMessage) results.receive(WAIT)).getText());
            worker.close();
            assertNull(plain.createConsumer(in).receive(300), "the committed receive is acknowledged");
        }
    }

    @Test
    void rollbackDiscardsTheSendsAndDeliversTheReceivedMessagesAgainMarkedRedelivered() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session plain = connection.createSession();
            Queue in = plain.createQueue("tx-rollback-in");
            Queue out = plain.createQueue("tx-rollback-out");
            plain.createProducer(in).send(plain.createTextMessage("retry me"));

            Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer worker = transacted.createConsumer(in);
            Message first = worker.receive(WAIT);
            assertFalse(first.getJMSRedelivered());
            transacted.createProducer(out).send(transacted.createTextMessage("never"));
            transacted.rollback();

            Message again = worker.receive(WAIT);
            assertEquals(first.getJMSMessageID(), again.getJMSMessageID());
            assertTrue(again.getJMSRedelivered());
            assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
            transacted.commit();
            assertNull(plain.createConsumer(out).receive(300), "the rolled back send never happened");
        }
    }

    @Test
    void aListenerOfATransactedSessionCommitsOrRollsBackTheMessageItHas() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session plain = connection.createSession();
            Queue queue = plain.createQueue("tx-listener");
            plain.createProducer(queue).send(plain.createTextMessage("once rolled back"));
            Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch committed = new java.util.concurrent.CountDownLatch(1);
            transacted.createConsumer(queue).setMessageListener(message -> {
                try {
                    seen.add(((TextMessage) message).getText() + (message.getJMSRedelivered() ? " again" : ""));
                    if (message.getJMSRedelivered()) {
                        transacted.commit();
                        committed.countDown();
                    } else {
                        transacted.rollback();
                    }
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            connection.start();
            assertTrue(committed.await(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS), seen::toString);
            transacted.close();
            assertEquals(java.util.List.of("once rolled back", "once rolled back again"), seen);
            assertNull(plain.createConsumer(queue).receive(300), "the commit in the listener included its message");
        }
    }

    @Test
    void afterARollbackDeliveryStartsAgainFromTheOldestMessageRolledBack() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = transacted.createQueue("tx-order");
            MessageProducer producer = transacted.createProducer(queue);
            for (int i = 0; i < 5; i++) {
                producer.send(transacted.createTextMessage("m" + i));
            }
            transacted.commit();
            MessageConsumer consumer = transacted.createConsumer(queue);
            assertEquals("m0", ((TextMessage) consumer.receive(WAIT)).getText());
            assertEquals("m1", ((TextMessage) consumer.receive(WAIT)).getText());
            transacted.commit();
            assertEquals("m2", ((TextMessage) consumer.receive(WAIT)).getText());
            assertEquals("m3", ((TextMessage) consumer.receive(WAIT)).getText());
            transacted.rollback();
            for (String expected : new String[] {"m2", "m3", "m4"}) {
                Message message = consumer.receive(WAIT);
                assertEquals(expected, ((TextMessage) message).getText());
                assertEquals(!expected.equals("m4"), message.getJMSRedelivered(), expected);
            }
            transacted.commit();
            assertNull(consumer.receive(300));
        }
    }

    @Test
    void closingATransactedSessionRollsBackItsTransaction() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session plain = connection.createSession();
            Queue queue = plain.createQueue("tx-close");
            plain.createProducer(queue).send(plain.createTextMessage("unfinished"));

            Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            assertEquals("unfinished", ((TextMessage) transacted.createConsumer(queue).receive(WAIT)).getText());
            transacted.createProducer(queue).send(transacted.createTextMessage("abandoned"));
            transacted.close();

            MessageConsumer after = plain.createConsumer(queue);
            Message back = after.receive(WAIT);
            assertEquals("unfinished", ((TextMessage) back).getText(), "its receive was rolled back");
            assertTrue(back.getJMSRedelivered());
            assertNull(after.receive(300), "its send was discarded");
        }
    }

    @Test
    void aCommitsSendsToSeveralDestinationsAllArriveInTheOrderSent() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue a = transacted.createQueue("tx-multi-a");
            Queue b = transacted.createQueue("tx-multi-b");
            MessageProducer producer = transacted.createProducer(null);
            for (int i = 0; i < 5; i++) {
                producer.send(a, transacted.createTextMessage("a" + i));
                producer.send(b, transacted.createTextMessage("b" + i));
            }
            transacted.commit();
            Session plain = connection.createSession();
            MessageConsumer fromA = plain.createConsumer(a);
            MessageConsumer fromB = plain.createConsumer(b);
            for (int i = 0; i < 5; i++) {
                assertEquals("a" + i, ((TextMessage) fromA.receive(WAIT)).getText());
                assertEquals("b" + i, ((TextMessage) fromB.receive(WAIT)).getText());
            }
        }
    }
}
