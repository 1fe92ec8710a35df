package io.partitionmq.bench;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.BrokerConfig;
import io.partitionmq.jms.PartitionMQConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages per second through the JMS client: one producer sending persistent 100-byte text messages to a queue
 * (each send waits for the leader and its backup), then one AUTO_ACKNOWLEDGE consumer receiving them. Two
 * brokers (backup-count 1) in this JVM, the client over loopback. Median of several runs.
 */
public final class JmsBenchmark {
    private JmsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<double[]> results = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            double[] result = runOnce(messages, run);
            System.out.printf("run %d: send %,.0f msg/s, receive %,.0f msg/s%n", run + 1, result[0], result[1]);
            results.add(result);
        }
        for (int metric = 0; metric < 2; metric++) {
            int m = metric;
            double[] values = results.stream().mapToDouble(r -> r[m]).sorted().toArray();
            System.out.printf("%-22s median %,10.0f   min %,10.0f   max %,10.0f%n",
                    m == 0 ? "send (msg/s)" : "receive (msg/s)", values[values.length / 2], values[0],
                    values[values.length - 1]);
        }
        System.exit(0);
    }

    private static double[] runOnce(int messages, int run) throws Exception {
        Path data = Files.createTempDirectory("partitionmq-jms-bench");
        int first = freePort();
        int second = freePort();
        List<String> members = List.of("127.0.0.1:" + first, "127.0.0.1:" + second);
        String cluster = "jms-bench-" + first;
        List<Broker> brokers = new ArrayList<>();
        for (int port : new int[] {first, second}) {
            brokers.add(Broker.start(BrokerConfig.loopback(port, data.resolve("b" + port))
                    .withCluster(cluster, members)));
        }
        PartitionMQConnectionFactory factory = new PartitionMQConnectionFactory(String.join(",", members));
        factory.setClusterName(cluster);
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            Queue queue = session.createQueue("bench-" + run);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            String body = "x".repeat(100);
            for (int i = 0; i < messages / 10; i++) {
                producer.send(session.createTextMessage(body));
            }
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                producer.send(session.createTextMessage(body));
            }
            double sent = messages / ((System.nanoTime() - start) / 1e9);
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            for (int i = 0; i < messages / 10; i++) {
                consumer.receive(10_000);
            }
            start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                if (consumer.receive(10_000) == null) {
                    throw new IllegalStateException("message " + i + " did not arrive");
                }
            }
            double received = messages / ((System.nanoTime() - start) / 1e9);
            return new double[] {sent, received};
        } finally {
            brokers.forEach(Broker::close);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
