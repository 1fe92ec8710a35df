package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Messaging 3.1, 6.1.5, 6.1.8, 6.2.16 and 7.3.8: what a message listener and a completion listener may
 * not do to their own connection, session and producer, and how close waits for a running listener.
 */
class ListenersTest {
    private static final long WAIT = 10_000;

    @RegisterExtension
    static final EmbeddedBrokers BROKERS = new EmbeddedBrokers(1);

    private final PartitionMQConnectionFactory factory = BROKERS.factory();

    @Test
    void aMessageListenerMustNotStopOrCloseItsOwnConnectionOrCloseItsOwnSessionButMayCloseItsConsumer()
            throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            Queue queue = session.createQueue("listener-rules");
            MessageConsumer consumer = session.createConsumer(queue);
            Map<String, String> refusals = new ConcurrentHashMap<>();
            CountDownLatch done = new CountDownLatch(1);
            consumer.setMessageListener(message -> {
                refusals.put("stop", outcome(connection::stop));
                refusals.put("close connection", outcome(connection::close));
                refusals.put("close session", outcome(session::close));
                refusals.put("close consumer", outcome(consumer::close));
                done.countDown();
            });
            connection.start();
            session.createProducer(queue).send(session.createTextMessage("go"));
            assertTrue(done.await(WAIT, TimeUnit.MILLISECONDS));
            assertEquals(Map.of("stop", "IllegalStateException", "close connection", "IllegalStateException",
                    "close session", "IllegalStateException", "close consumer", "done"), refusals);
        }
    }

    @Test
    void closingAConnectionWaitsForARunningListenerToReturn() throws Exception {
        Connection connection = factory.createConnection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("listener-close");
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Long> returnedAt = new CompletableFuture<>();
        session.createConsumer(queue).setMessageListener(message -> {
            running.countDown();
            sleep(500);
            returnedAt.complete(System.nanoTime());
        });
        connection.start();
        session.createProducer(queue).send(session.createTextMessage("slow"));
        assertTrue(running.await(WAIT, TimeUnit.MILLISECONDS));
        connection.close();
        long closedAt = System.nanoTime();
        assertTrue(returnedAt.isDone() && returnedAt.get() <= closedAt, "close returned after the listener did");
    }

    @Test
    void stopWaitsForARunningListenerAndNothingIsDeliveredUntilStartAndRecoverInAListenerRedelivers()
            throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("listener-stop");
            java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch running = new CountDownLatch(1);
            CompletableFuture<Long> returnedAt = new CompletableFuture<>();
            CountDownLatch redelivered = new CountDownLatch(1);
            session.createConsumer(queue).setMessageListener(message -> {
                try {
                    String text = ((jakarta.jms.TextMessage) message).getText();
                    seen.add(text + (message.getJMSRedelivered() ? " again" : ""));
                    if (text.equals("slow")) {
                        running.countDown();
                        sleep(500);
                        message.acknowledge();
                        returnedAt.complete(System.nanoTime());
                    } else if (!message.getJMSRedelivered()) {
                        session.recover();
                    } else {
                        message.acknowledge();
                        redelivered.countDown();
                    }
                } catch (jakarta.jms.JMSException e) {
                    throw new java.lang.IllegalStateException(e);
                }
            });
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("slow"));
            connection.start();
            assertTrue(running.await(WAIT, TimeUnit.MILLISECONDS));
            connection.stop();
            long stoppedAt = System.nanoTime();
            assertTrue(returnedAt.isDone() && returnedAt.get() <= stoppedAt, "stop returned after the listener did");

            producer.send(session.createTextMessage("later"));
            Thread.sleep(300);
            assertEquals(java.util.List.of("slow"), seen, "a stopped connection delivers nothing");
            connection.start();
            assertTrue(redelivered.await(WAIT, TimeUnit.MILLISECONDS), seen::toString);
            assertEquals(java.util.List.of("slow", "later", "later again"), seen,
                    "recover in the listener delivers the unacknowledged message again");
        }
    }

    @Test
    void withClientAcknowledgeAMessageWhoseListenerThrewCountsAsDeliveredUntilRecover() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue first = session.createQueue("listener-throws-1");
            Queue second = session.createQueue("listener-throws-2");
            java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch both = new CountDownLatch(2);
            session.createConsumer(first).setMessageListener(message -> {
                seen.add("first");
                both.countDown();
                throw new IllegalArgumentException("the application failed");
            });
            session.createConsumer(second).setMessageListener(message -> {
                seen.add("second");
                both.countDown();
            });
            MessageProducer producer = session.createProducer(null);
            producer.send(first, session.createTextMessage("1"));
            producer.send(second, session.createTextMessage("2"));
            connection.start();
            assertTrue(both.await(WAIT, TimeUnit.MILLISECONDS), seen::toString);
            Thread.sleep(300);
            assertEquals(2, seen.size(), "the failed message is not delivered again by itself: " + seen);
            assertTrue(seen.containsAll(java.util.List.of("first", "second")), "each consumer's listener ran");
        }
    }

    @Test
    void aCompletionListenerMustNotCloseItsOwnProducerSessionOrConnectionNorEndItsTransaction() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue("completion-rules"));
            Map<String, String> refusals = completing(producer, session.createTextMessage("async"), () -> Map.of(
                    "close producer", outcome(producer::close),
                    "close session", outcome(session::close),
                    "close connection", outcome(connection::close)));
            assertEquals(Map.of("close producer", "IllegalStateException", "close session", "IllegalStateException",
                    "close connection", "IllegalStateException"), refusals);

            Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer inTransaction = transacted.createProducer(transacted.createQueue("completion-rules"));
            assertEquals(Map.of("commit", "IllegalStateException", "rollback", "IllegalStateException"),
                    completing(inTransaction, transacted.createTextMessage("staged"), () -> Map.of(
                            "commit", outcome(transacted::commit), "rollback", outcome(transacted::rollback))));
            transacted.rollback();
        }
    }

    @Test
    void aContextsListenersGetTheRuntimeExceptionsOfTheSimplifiedApi() throws Exception {
        try (JMSContext context = factory.createContext()) {
            CompletableFuture<String> refusal = new CompletableFuture<>();
            context.createProducer().setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    refusal.complete(runtimeOutcome(context::close));
                }

                @Override
                public void onException(Message message, Exception exception) {
                    refusal.complete("failed: " + exception);
                }
            }).send(context.createQueue("context-completion"), "async");
            assertEquals("IllegalStateRuntimeException", refusal.get(WAIT, TimeUnit.MILLISECONDS));

            CompletableFuture<String> stop = new CompletableFuture<>();
            Queue queue = context.createQueue("context-listener");
            context.createConsumer(queue).setMessageListener(message -> stop.complete(runtimeOutcome(context::stop)));
            context.createProducer().send(queue, "go");
            assertEquals("IllegalStateRuntimeException", stop.get(WAIT, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aConsumerWithAListenerCannotAlsoReceiveSynchronously() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue("listener-and-receive"));
            consumer.setMessageListener(message -> { });
            assertThrows(IllegalStateException.class, () -> consumer.receive(10));
            consumer.setMessageListener(null);
            assertNull(consumer.receiveNoWait(), "without its listener it receives again");
        }
    }

    /** Sends asynchronously and returns what {@code inCallback} found inside the completion listener. */
    private static Map<String, String> completing(MessageProducer producer, Message message,
            java.util.function.Supplier<Map<String, String>> inCallback) throws Exception {
        CompletableFuture<Map<String, String>> found = new CompletableFuture<>();
        producer.send(message, new CompletionListener() {
            @Override
            public void onCompletion(Message sent) {
                found.complete(inCallback.get());
            }

            @Override
            public void onException(Message sent, Exception exception) {
                found.completeExceptionally(exception);
            }
        });
        return found.get(WAIT, TimeUnit.MILLISECONDS);
    }

    private interface Action {
        void run() throws Exception;
    }

    /** The simple name of what the action threw, or "done". */
    private static String outcome(Action action) {
        try {
            action.run();
            return "done";
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private static String runtimeOutcome(Runnable action) {
        return outcome(action::run);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
