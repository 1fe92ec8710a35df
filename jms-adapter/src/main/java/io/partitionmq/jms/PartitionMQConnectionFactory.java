package io.partitionmq.jms;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.io.Serializable;
import java.time.Duration;

/**
 * The Java SE entry point: {@code new PartitionMQConnectionFactory("host1:5801,host2:5801")}. The addresses
 * are a bootstrap list, as for a Kafka client: any reachable broker leads the client to the whole cluster.
 * Without addresses, connections use the broker running in the same JVM.
 */
public class PartitionMQConnectionFactory extends AbstractConnectionFactory implements Serializable {
    private static final long serialVersionUID = 1L;

    private String addresses = "";
    private String clusterName = "partitionmq";
    private long connectTimeoutMillis = 10_000;

    public PartitionMQConnectionFactory() {
    }

    public PartitionMQConnectionFactory(String addresses) {
        this.addresses = addresses;
    }

    public String getAddresses() {
        return addresses;
    }

    /** Broker addresses, {@code host:port} separated by commas; empty for the broker in this JVM. */
    public void setAddresses(String addresses) {
        this.addresses = addresses;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public long getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(long connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return new PartitionMQConnection(
                BrokerAccess.acquire(addresses, clusterName, Duration.ofMillis(connectTimeoutMillis)));
    }
}
