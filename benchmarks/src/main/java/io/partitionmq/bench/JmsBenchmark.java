package io.partitionmq.bench;

import io.partitionmq.jms.PartitionMQConnectionFactory;
import io.partitionmq.store.FlushPolicy;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.activemq.artemis.jms.client.ActiveMQJMSConnectionFactory;

/**
 * The JMS client against two brokers (backup-count 1; {@code --brokers 1}: one, without backups) started in this
 * JVM, reached over loopback as a Java SE client does (or an ActiveMQ Artemis broker, {@code --artemis}). Each row
 * runs several times on a fresh destination; the median, min and max are printed.
 *
 * <pre>
 * rows:  queue-{np|p}-{100|1024}   one producer sends synchronously, then one AUTO_ACKNOWLEDGE consumer receives
 *        async-p-1024              persistent sends with a CompletionListener
 *        tx100-p-1024              transacted sessions committing every 100 messages (send, then receive)
 *        durable-p-1024            a durable topic subscription: publish, then receive
 *        queue4x4-p-1024           4 producers and 4 consumers on one queue at once, one connection each
 *        latency-{np|p}-1024       end to end, a listener consuming while a producer sends 2,000 msg/s (--rate)
 *        topiclatency-{np|p}-1024  the same with a non-durable subscriber of a topic
 * args:  --rows a,b,...  --messages N  --runs R  --flush interval|always|never  --rate MSGS_PER_S
 *        --warmup W (default 1): runs of each row made first and not counted, so that no figure is a cold start
 *        --brokers 1|2 (2: every partition has a synchronous backup; 1: none, a single broker's durability)
 *        --artemis tcp://HOST:PORT [--user U --password P]: the same rows against an ActiveMQ Artemis broker
 *                  already running there, through its own JMS client (for side-by-side figures)
 * </pre>
 */
public final class JmsBenchmark {
    private final ConnectionFactory factory;
    private final int messages;
    /** Messages per second the latency rows send. */
    private final int pacedRate;
    private final int warmups;
    private int destinations;

    private JmsBenchmark(ConnectionFactory factory, int messages, int pacedRate, int warmups) {
        this.factory = factory;
        this.messages = messages;
        this.pacedRate = pacedRate;
        this.warmups = warmups;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = BenchCluster.arguments(args);
        List<String> rows = Arrays.asList(given.getOrDefault("rows", String.join(",", List.of("queue-np-100",
                "queue-p-100", "queue-np-1024", "queue-p-1024", "async-p-1024", "tx100-p-1024", "durable-p-1024",
                "queue4x4-p-1024", "latency-np-1024", "latency-p-1024"))).split(","));
        int messages = Integer.parseInt(given.getOrDefault("messages", "20000"));
        int runs = Integer.parseInt(given.getOrDefault("runs", "3"));
        int rate = Integer.parseInt(given.getOrDefault("rate", "2000"));
        int warmups = Integer.parseInt(given.getOrDefault("warmup", "1"));
        FlushPolicy flush = FlushPolicy.parse(given.getOrDefault("flush", "interval"));

        String artemis = given.get("artemis");
        if (artemis != null) {
            ConnectionFactory factory = new ActiveMQJMSConnectionFactory(artemis, given.get("user"),
                    given.get("password"));
            System.out.printf("ActiveMQ Artemis at %s, %,d messages per run, %d runs per row after %d%n", artemis,
                    messages, runs, warmups);
            new JmsBenchmark(factory, messages, rate, warmups).runAll(rows, runs);
            System.exit(0);
        }
        int brokers = Integer.parseInt(given.getOrDefault("brokers", "2"));
        try (BenchCluster cluster = BenchCluster.start(flush, brokers)) {
            PartitionMQConnectionFactory factory = new PartitionMQConnectionFactory(String.join(",",
                    cluster.clientAddresses()));
            factory.setClusterName(cluster.name());
            System.out.printf("flush=%s, %d broker(s), %,d messages per run, %d runs per row after %d%n", flush,
                    brokers, messages, runs, warmups);
            new JmsBenchmark(factory, messages, rate, warmups).runAll(rows, runs);
        }
        System.exit(0);
    }

    private void runAll(List<String> rows, int runs) throws Exception {
        for (String row : rows) {
            run(row.trim(), runs);
        }
    }

    private void run(String row, int runs) throws Exception {
        String[] parts = row.split("-");
        boolean persistent = parts[1].equals("p");
        int size = Integer.parseInt(parts[2]);
        List<double[]> results = new ArrayList<>();
        String[] metrics = null;
        for (int run = 0; run < warmups + runs; run++) {
            Result result = switch (parts[0]) {
                case "queue" -> queue(persistent, size);
                case "async" -> async(persistent, size);
                case "tx100" -> transacted(size);
                case "durable" -> durable(persistent, size);
                case "queue4x4" -> queueFourByFour(persistent, size);
                case "latency" -> latency(persistent, size, false);
                case "topiclatency" -> latency(persistent, size, true);
                default -> throw new IllegalArgumentException("unknown row " + row);
            };
            metrics = result.names();
            if (run >= warmups) {
                results.add(result.values());
            }
        }
        for (int m = 0; m < metrics.length; m++) {
            int metric = m;
            double[] values = results.stream().mapToDouble(r -> r[metric]).sorted().toArray();
            System.out.printf("%-18s %-22s median %,12.2f   min %,12.2f   max %,12.2f%n", row, metrics[m],
                    values[values.length / 2], values[0], values[values.length - 1]);
        }
    }

    private record Result(String[] names, double[] values) {
        static Result rates(double send, double receive) {
            return new Result(new String[] {"send msg/s", "receive msg/s"}, new double[] {send, receive});
        }
    }

    private String nextName(String kind) {
        return "bench-" + kind + "-" + (++destinations);
    }

    private static BytesMessage message(Session session, int size) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(new byte[size]);
        return message;
    }

    private Result queue(boolean persistent, int size) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            Destination queue = session.createQueue(nextName("queue"));
            double sent = send(session, queue, persistent, size, messages);
            connection.start();
            double received = receive(session.createConsumer(queue), messages, null);
            return Result.rates(sent, received);
        }
    }

    private static double send(Session session, Destination destination, boolean persistent, int size, int count)
            throws JMSException {
        MessageProducer producer = session.createProducer(destination);
        producer.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
        long start = System.nanoTime();
        for (int i = 0; i < count - 1; i++) {
            producer.send(message(session, size));
            if (session.getTransacted() && (i + 1) % 100 == 0) {
                session.commit();
            }
        }
        if (session.getTransacted()) {
            producer.send(message(session, size));
            session.commit();
        } else {
            // A non-persistent send returns before the broker has it: the rate counts until the last one landed
            // (one session's sends land in order, so the last completion covers all).
            CountDownLatch landed = new CountDownLatch(1);
            producer.send(message(session, size), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    landed.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    throw new IllegalStateException("the last send failed", exception);
                }
            });
            try {
                if (!landed.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the last send did not complete");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return count / seconds(start);
    }

    private static double receive(MessageConsumer consumer, int count, Session transacted) throws JMSException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (consumer.receive(30_000) == null) {
                throw new IllegalStateException("message " + i + " of " + count + " did not arrive");
            }
            if (transacted != null && (i + 1) % 100 == 0) {
                transacted.commit();
            }
        }
        if (transacted != null) {
            transacted.commit();
        }
        return count / seconds(start);
    }

    private Result async(boolean persistent, int size) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue(nextName("async")));
            producer.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
            CountDownLatch done = new CountDownLatch(messages);
            AtomicReference<Exception> failed = new AtomicReference<>();
            CompletionListener listener = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    done.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failed.set(exception);
                    done.countDown();
                }
            };
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                producer.send(message(session, size), listener);
            }
            if (!done.await(120, TimeUnit.SECONDS) || failed.get() != null) {
                throw new IllegalStateException("async sends did not all complete", failed.get());
            }
            return new Result(new String[] {"send msg/s"}, new double[] {messages / seconds(start)});
        }
    }

    private Result transacted(int size) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            Destination queue = session.createQueue(nextName("tx"));
            double sent = send(session, queue, true, size, messages);
            connection.start();
            double received = receive(session.createConsumer(queue), messages, session);
            return Result.rates(sent, received);
        }
    }

    private Result durable(boolean persistent, int size) throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID(nextName("client"));
            Session session = connection.createSession();
            Topic topic = session.createTopic(nextName("topic"));
            MessageConsumer subscriber = session.createDurableConsumer(topic, "bench");
            double sent = send(session, topic, persistent, size, messages);
            connection.start();
            double received = receive(subscriber, messages, null);
            return Result.rates(sent, received);
        }
    }

    private Result queueFourByFour(boolean persistent, int size) throws Exception {
        String queueName = nextName("queue4x4");
        int each = messages / 4;
        AtomicInteger received = new AtomicInteger();
        List<Connection> connections = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int i = 0; i < 8; i++) {
                Connection connection = factory.createConnection();
                connections.add(connection);
                Session session = connection.createSession();
                Destination queue = session.createQueue(queueName);
                boolean producer = i < 4;
                MessageConsumer consumer = producer ? null : session.createConsumer(queue);
                connection.start();
                threads.add(new Thread(() -> {
                    try {
                        ready.countDown();
                        go.await();
                        if (producer) {
                            send(session, queue, persistent, size, each);
                        } else {
                            while (received.get() < each * 4) {
                                if (consumer.receive(200) != null) {
                                    received.incrementAndGet();
                                }
                            }
                        }
                    } catch (Exception e) {
                        failed.compareAndSet(null, e);
                    }
                }, (producer ? "producer-" : "consumer-") + i));
            }
            threads.forEach(Thread::start);
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(5));
            }
            if (failed.get() != null) {
                throw failed.get();
            }
            return new Result(new String[] {"moved msg/s"}, new double[] {each * 4 / seconds(start)});
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /**
     * Paced sends to a queue, or to a topic with one non-durable subscriber; the listener records each message's
     * age. Times are taken in this one JVM (nanoTime).
     */
    private Result latency(boolean persistent, int size, boolean topic) throws Exception {
        int count = Math.min(messages, 10 * pacedRate);
        long[] latencies = new long[count];
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(count);
        try (Connection connection = factory.createConnection()) {
            Session consuming = connection.createSession();
            Destination destination = topic ? consuming.createTopic(nextName("latency"))
                    : consuming.createQueue(nextName("latency"));
            consuming.createConsumer(destination).setMessageListener(message -> {
                try {
                    int i = seen.getAndIncrement();
                    if (i < count) {
                        latencies[i] = System.nanoTime() - message.getLongProperty("sentNanos");
                    }
                    all.countDown();
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            connection.start();
            Session sending = connection.createSession();
            MessageProducer producer = sending.createProducer(destination);
            producer.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
            long interval = TimeUnit.SECONDS.toNanos(1) / pacedRate;
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                BytesMessage message = message(sending, size);
                message.setLongProperty("sentNanos", System.nanoTime());
                producer.send(message);
                next += interval;
            }
            if (!all.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + seen.get() + " of " + count + " messages arrived");
            }
        }
        Arrays.sort(latencies);
        return new Result(new String[] {"p50 ms", "p99 ms", "p99.9 ms"}, new double[] {
            percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 0.999)});
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
