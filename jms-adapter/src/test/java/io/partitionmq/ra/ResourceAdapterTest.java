package io.partitionmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.TestBrokers;
import io.partitionmq.jms.PartitionMQConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's inbound side as a container drives it: activations with several workers, deliveries inside the
 * container's transaction (rolled back ones come again, then go to the dead-letter queue), deactivation that
 * leaves no worker behind, and activation properties refused with the reason.
 */
class ResourceAdapterTest {
    private static final long WAIT = 30;

    @TempDir
    static Path data;
    static TestBrokers brokers;
    static PartitionMQResourceAdapter adapter;
    static final ThreadWorkManager work = new ThreadWorkManager();

    @BeforeAll
    static void start() {
        brokers = TestBrokers.start(1, data);
        adapter = new PartitionMQResourceAdapter();
        adapter.setAddresses(brokers.clientAddressList());
        adapter.setClusterName(brokers.get(0).config().clusterName());
        adapter.start(new Bootstrap(work));
    }

    @AfterAll
    static void stop() {
        adapter.stop();
        brokers.close();
    }

    /** Runs each work item on a thread of its own, as a server's work manager would on a pooled one. */
    static final class ThreadWorkManager implements WorkManager {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        @Override
        public void scheduleWork(Work work) {
            Thread thread = new Thread(work, "test-work");
            threads.add(thread);
            thread.start();
        }

        boolean allFinished(long seconds) throws InterruptedException {
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(seconds));
            }
            return threads.stream().noneMatch(Thread::isAlive);
        }

        @Override
        public void doWork(Work work) {
            work.run();
        }

        @Override
        public void doWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
            work.run();
        }

        @Override
        public long startWork(Work work) {
            scheduleWork(work);
            return 0;
        }

        @Override
        public long startWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
            scheduleWork(work);
            return 0;
        }

        @Override
        public void scheduleWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
            scheduleWork(work);
        }
    }

    record Bootstrap(WorkManager getWorkManager) implements BootstrapContext {
        @Override
        public XATerminator getXATerminator() {
            return null;
        }

        @Override
        public Timer createTimer() {
            return new Timer(true);
        }

        @Override
        public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
            return false;
        }

        @Override
        public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
            return null;
        }
    }

    /**
     * Bean instances as a container makes them. With {@code transacted}, each delivery runs in a transaction of
     * its own on the resource the adapter handed over: committed when the bean returns, rolled back when it throws.
     */
    static final class Beans implements MessageEndpointFactory {
        final boolean transacted;
        final Consumer<Message> bean;
        final List<Integer> xidCounter = Collections.synchronizedList(new ArrayList<>());

        Beans(boolean transacted, Consumer<Message> bean) {
            this.transacted = transacted;
            this.bean = bean;
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource resource) throws UnavailableException {
            return new Endpoint(resource);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource resource, long timeout) throws UnavailableException {
            return createEndpoint(resource);
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return transacted;
        }

        @Override
        public String getActivationName() {
            return "test";
        }

        @Override
        public Class<?> getEndpointClass() {
            return MessageListener.class;
        }

        final class Endpoint implements MessageEndpoint, MessageListener {
            private final XAResource resource;

            Endpoint(XAResource resource) {
                this.resource = resource;
            }

            @Override
            public void onMessage(Message message) {
                if (!transacted) {
                    bean.accept(message);
                    return;
                }
                Xid xid = new TestXid(xidCounter.size());
                xidCounter.add(1);
                try {
                    resource.start(xid, XAResource.TMNOFLAGS);
                    try {
                        bean.accept(message);
                    } catch (RuntimeException e) {
                        resource.end(xid, XAResource.TMFAIL);
                        resource.rollback(xid);
                        throw e;
                    }
                    resource.end(xid, XAResource.TMSUCCESS);
                    resource.commit(xid, true);
                } catch (XAException e) {
                    throw new IllegalStateException("XA error " + e.errorCode, e);
                }
            }

            @Override
            public void beforeDelivery(Method method) {
            }

            @Override
            public void afterDelivery() {
            }

            @Override
            public void release() {
            }
        }
    }

    record TestXid(int number) implements Xid {
        @Override
        public int getFormatId() {
            return 99;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return ("tx-" + number + "-" + System.identityHashCode(this)).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }

    private static PartitionMQActivationSpec spec(String destination, String type, Map<String, String> more) {
        PartitionMQActivationSpec spec = new PartitionMQActivationSpec();
        spec.setDestination(destination);
        spec.setDestinationType(type);
        more.forEach((key, value) -> {
            switch (key) {
                case "concurrency" -> spec.setConcurrency(Integer.valueOf(value));
                case "subscriptionDurability" -> spec.setSubscriptionDurability(value);
                case "subscriptionName" -> spec.setSubscriptionName(value);
                case "messageSelector" -> spec.setMessageSelector(value);
                case "clientId" -> spec.setClientId(value);
                case "maxDeliveries" -> spec.setMaxDeliveries(Integer.valueOf(value));
                default -> throw new IllegalArgumentException(key);
            }
        });
        spec.setResourceAdapter(adapter);
        return spec;
    }

    private static PartitionMQConnectionFactory client() {
        PartitionMQConnectionFactory factory = new PartitionMQConnectionFactory(brokers.clientAddressList());
        factory.setClusterName(brokers.get(0).config().clusterName());
        return factory;
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void threeWorkersOnAQueueReceiveEveryMessageOnceAndDeactivationStopsThem() throws Exception {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(60);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Beans beans = new Beans(false, message -> {
            received.add(text(message));
            threads.add(Thread.currentThread().getName() + Thread.currentThread().getId());
            all.countDown();
        });
        PartitionMQActivationSpec spec = spec("work", "jakarta.jms.Queue", Map.of("concurrency", "3"));
        spec.validate();
        int before = work.threads.size();
        adapter.endpointActivation(beans, spec);
        try (JMSContext context = client().createContext()) {
            for (int i = 0; i < 60; i++) {
                context.createProducer().send(context.createQueue("work"), "job-" + i);
            }
            assertTrue(all.await(WAIT, TimeUnit.SECONDS), "received " + received.size());
        } finally {
            adapter.endpointDeactivation(beans, spec);
        }
        assertEquals(60, Set.copyOf(received).size(), "each message once");
        assertEquals(60, received.size());
        assertEquals(3, work.threads.size() - before, "one work item per unit of concurrency");
        assertTrue(work.allFinished(WAIT), "no worker runs after deactivation");
    }

    @Test
    void aDeliveryRolledBackByTheContainerComesAgainAndGoesToTheDeadLetterQueueAfterItsLimit() throws Exception {
        List<String> settled = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        Beans beans = new Beans(true, message -> {
            String payment = text(message);
            int attempt = attempts.merge(payment, 1, Integer::sum);
            if (payment.startsWith("poison") || attempt == 1) {
                throw new IllegalStateException("attempt " + attempt + " of " + payment + " failed");
            }
            try {
                settled.add(payment + " redelivered=" + message.getJMSRedelivered() + " count="
                        + message.getIntProperty("JMSXDeliveryCount"));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        PartitionMQActivationSpec spec = spec("payments", "jakarta.jms.Queue", Map.of("maxDeliveries", "3"));
        adapter.endpointActivation(beans, spec);
        try (JMSContext context = client().createContext()) {
            context.createProducer().send(context.createQueue("payments"), "payment-1");
            context.createProducer().send(context.createQueue("payments"), "poison-1");
            Message dead = context.createConsumer(context.createQueue("payments.DLQ")).receive(
                    TimeUnit.SECONDS.toMillis(WAIT));
            assertNotNull(dead, "the poison message reached the dead-letter queue");
            assertEquals("poison-1", dead.getBody(String.class));
        } finally {
            adapter.endpointDeactivation(beans, spec);
        }
        assertEquals(List.of("payment-1 redelivered=true count=2"), settled);
        assertEquals(3, attempts.get("poison-1"), "delivered up to the limit (maxDeliveries), then dead-lettered");
    }

    @Test
    void fourWorkersOnATopicSubscriptionKeepEachKeysOrder() throws Exception {
        Map<String, List<Integer>> byKey = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(120);
        Beans beans = new Beans(true, message -> {
            try {
                byKey.computeIfAbsent(message.getStringProperty("JMSXGroupID"),
                        k -> Collections.synchronizedList(new ArrayList<>())).add(message.getIntProperty("n"));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
            all.countDown();
        });
        PartitionMQActivationSpec spec = spec("movements", "jakarta.jms.Topic", Map.of("concurrency", "4",
                "subscriptionDurability", "Durable", "subscriptionName", "posting"));
        brokers.get(0).connect().logs().createTopic("movements", 4);
        try (JMSContext context = client().createContext()) {
            // The subscription starts when it is created: create it before publishing, as a deployment would.
            context.createSharedDurableConsumer(context.createTopic("movements"), "posting").close();
        }
        adapter.endpointActivation(beans, spec);
        try (JMSContext context = client().createContext()) {
            for (int n = 0; n < 20; n++) {
                for (int key = 0; key < 6; key++) {
                    TextMessage message = context.createTextMessage("movement");
                    message.setStringProperty("JMSXGroupID", "key-" + key);
                    message.setIntProperty("n", n);
                    context.createProducer().send(context.createTopic("movements"), message);
                }
            }
            assertTrue(all.await(WAIT, TimeUnit.SECONDS), "received " + (120 - all.getCount()));
        } finally {
            adapter.endpointDeactivation(beans, spec);
        }
        List<Integer> inOrder = java.util.stream.IntStream.range(0, 20).boxed().toList();
        assertEquals(6, byKey.size());
        byKey.forEach((key, numbers) -> assertEquals(inOrder, numbers, key));
    }

    @Test
    void aNonDurableTopicActivationsSubscriptionEndsWithIt() throws Exception {
        CountDownLatch one = new CountDownLatch(1);
        Beans beans = new Beans(false, message -> one.countDown());
        PartitionMQActivationSpec spec = spec("news", "jakarta.jms.Topic", Map.of("concurrency", "2"));
        var broker = brokers.get(0).connect();
        var topic = broker.logs().createTopic("news", 2);
        adapter.endpointActivation(beans, spec);
        try (JMSContext context = client().createContext()) {
            // The activation subscribes in the background: publish until it hears one.
            while (!one.await(200, TimeUnit.MILLISECONDS)) {
                context.createProducer().send(context.createTopic("news"), "headline");
            }
            assertEquals(1, broker.shares().describe(topic).size(), "the activation's subscription");
        } finally {
            adapter.endpointDeactivation(beans, spec);
        }
        assertEquals(List.of(), broker.shares().describe(topic), "no subscription is left behind");
    }

    @Test
    void aLocalTransactionOfAPooledConnectionSendsAtCommitAndNothingAtRollback() throws Exception {
        PartitionMQManagedConnectionFactory factory = new PartitionMQManagedConnectionFactory();
        factory.setResourceAdapter(adapter);
        var managed = factory.createManagedConnection(null, null);
        try {
            var transaction = managed.getLocalTransaction();
            for (String outcome : List.of("rolled-back", "committed")) {
                transaction.begin();
                try (jakarta.jms.Connection handle = (jakarta.jms.Connection) managed.getConnection(null, null)) {
                    jakarta.jms.Session session = handle.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                    assertTrue(session.getTransacted(), "inside a transaction the arguments are ignored");
                    var producer = session.createProducer(session.createQueue("ledger"));
                    producer.send(session.createTextMessage(outcome + "-1"));
                    producer.send(session.createTextMessage(outcome + "-2"));
                }
                if (outcome.equals("committed")) {
                    transaction.commit();
                } else {
                    transaction.rollback();
                }
            }
        } finally {
            managed.destroy();
        }
        List<String> received = new ArrayList<>();
        try (JMSContext context = client().createContext()) {
            var consumer = context.createConsumer(context.createQueue("ledger"));
            for (Message m = consumer.receive(5_000); m != null; m = consumer.receive(1_000)) {
                received.add(text(m));
            }
        }
        received.sort(null);
        assertEquals(List.of("committed-1", "committed-2"), received);
    }

    @Test
    void activationPropertiesThatCannotWorkAreRefusedWithWhatToFix() {
        InvalidPropertyException type = assertThrows(InvalidPropertyException.class,
                () -> spec("x", "jakarta.jms.Mailbox", Map.of()).validate());
        assertTrue(type.getMessage().contains("destinationType must be jakarta.jms.Queue or jakarta.jms.Topic"),
                type.getMessage());
        InvalidPropertyException selector = assertThrows(InvalidPropertyException.class,
                () -> spec("x", "jakarta.jms.Queue", Map.of("messageSelector", "color = ")).validate());
        assertTrue(selector.getMessage().startsWith("messageSelector: "), selector.getMessage());
        InvalidPropertyException durable = assertThrows(InvalidPropertyException.class,
                () -> spec("x", "jakarta.jms.Topic", Map.of("subscriptionDurability", "Durable")).validate());
        assertTrue(durable.getMessage().contains("subscriptionName"), durable.getMessage());
        InvalidPropertyException concurrency = assertThrows(InvalidPropertyException.class,
                () -> spec("x", "jakarta.jms.Queue", Map.of("concurrency", "0")).validate());
        assertTrue(concurrency.getMessage().contains("concurrency"), concurrency.getMessage());
        assertFalse(assertThrows(InvalidPropertyException.class, () -> spec("x", "jakarta.jms.Topic",
                Map.of("subscriptionDurability", "Durable", "subscriptionName", "s", "clientId", "c",
                        "concurrency", "2")).validate()).getMessage().isBlank());
    }
}
