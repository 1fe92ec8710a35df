package io.partitionmq.jms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partitionmq.cluster.TestBrokers;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection's ExceptionListener hears of the loss of the brokers (specification 6.1.8). */
class ConnectionLossTest {
    @TempDir
    Path data;

    @Test
    void theExceptionListenerIsToldWhenTheBrokersGoAway() throws Exception {
        TestBrokers brokers = TestBrokers.start(1, data);
        PartitionMQConnectionFactory factory = new PartitionMQConnectionFactory(brokers.clientAddressList());
        factory.setClusterName(brokers.get(0).config().clusterName());
        Connection connection = factory.createConnection();
        try {
            CompletableFuture<JMSException> told = new CompletableFuture<>();
            connection.setExceptionListener(told::complete);
            brokers.close();
            JMSException lost = told.get(30, TimeUnit.SECONDS);
            assertTrue(lost.getMessage().contains("lost"), lost.getMessage());
        } finally {
            connection.close();
        }
    }
}
