package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.TestBrokers;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the smaller side of a split cluster (fewer brokers than partitionmq.cluster.min-size) a send is refused. */
class ClusterMinorityTest {
    @TempDir
    Path data;

    @Test
    void aSendToBrokersFewerThanTheMinimumIsRefusedWithAnExceptionSayingWhy() throws Exception {
        try (TestBrokers brokers = TestBrokers.start(3, data, config -> config.withMinClusterSize(2))) {
            Broker survivor = brokers.get(2);
            PartitionMQConnectionFactory factory = new PartitionMQConnectionFactory(
                    brokers.clientAddresses().get(2));
            factory.setClusterName(survivor.config().clusterName());
            try (Connection connection = factory.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Queue orders = session.createQueue("minority-orders");
                MessageProducer producer = session.createProducer(orders);
                producer.send(session.createTextMessage("while whole"));

                brokers.get(0).kill();
                brokers.get(1).kill();
                TestBrokers.await(() -> "the survivor notices it is alone", java.time.Duration.ofSeconds(30),
                        () -> survivor.health().belowMinimumSize());
                JMSException refused = assertThrows(JMSException.class,
                        () -> producer.send(session.createTextMessage("alone")));
                assertTrue(refused.getMessage().contains("fewer than partitionmq.cluster.min-size"),
                        refused.getMessage());
            }
        }
    }
}
