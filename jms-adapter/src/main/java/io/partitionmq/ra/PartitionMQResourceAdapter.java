package io.partitionmq.ra;

import io.partitionmq.jms.PartitionMQConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.transaction.xa.XAResource;

/**
 * The Jakarta Connectors resource adapter: pooled outbound connections for applications and inbound delivery
 * to message-driven beans. Without {@code addresses} it uses the broker deployed in the same server.
 */
@Connector(
        displayName = "PartitionMQ",
        vendorName = "PartitionMQ",
        eisType = "Jakarta Messaging",
        version = "0.1.0",
        transactionSupport = TransactionSupport.TransactionSupportLevel.XATransaction,
        reauthenticationSupport = false)
public class PartitionMQResourceAdapter implements ResourceAdapter {
    private static final System.Logger LOG = System.getLogger(PartitionMQResourceAdapter.class.getName());

    @ConfigProperty(description = "Brokers' client ports host:port,...; empty for the broker deployed in this server")
    private String addresses = "";

    @ConfigProperty(description = "The brokers' cluster name", defaultValue = "partitionmq")
    private String clusterName = "partitionmq";

    @ConfigProperty(description = "How long to wait for a broker when connecting, in milliseconds",
            defaultValue = "60000")
    private Long connectTimeoutMillis = 60_000L;

    @ConfigProperty(description = "The user the adapter's connections authenticate as, where the brokers have"
            + " users configured (partitionmq.users); empty for none")
    private String userName = "";

    @ConfigProperty(description = "The password of userName", confidential = true)
    private String password = "";

    private final Map<MessageEndpointFactory, EndpointActivation> activations = new ConcurrentHashMap<>();
    private WorkManager workManager;

    @Override
    public void start(BootstrapContext context) {
        this.workManager = context.getWorkManager();
        LOG.log(Level.INFO, "PartitionMQ resource adapter started ({0})",
                addresses.isBlank() ? "broker in this server" : "brokers at " + addresses);
    }

    @Override
    public void stop() {
        activations.values().forEach(EndpointActivation::stop);
        activations.clear();
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        EndpointActivation activation = new EndpointActivation(this, endpointFactory,
                (PartitionMQActivationSpec) spec);
        activation.start(workManager);
        activations.put(endpointFactory, activation);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        EndpointActivation activation = activations.remove(endpointFactory);
        if (activation != null) {
            activation.stop();
        }
    }

    /**
     * None of their own: any PartitionMQ XAResource's {@code recover()} lists every prepared branch in the cluster,
     * whichever connection prepared it, so the transaction manager finds the activations' branches through the
     * outbound pool's resources. (Connecting here could block the server's start while the broker is not up.)
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /** The factory physical connections come from, for outbound pools and inbound activations alike. */
    PartitionMQConnectionFactory physicalConnections() {
        PartitionMQConnectionFactory factory = new PartitionMQConnectionFactory(addresses);
        factory.setClusterName(clusterName);
        factory.setConnectTimeoutMillis(connectTimeoutMillis);
        if (!userName.isBlank()) {
            factory.setUser(userName);
            factory.setPassword(password);
        }
        return factory;
    }

    public String getAddresses() {
        return addresses;
    }

    public void setAddresses(String addresses) {
        this.addresses = addresses == null ? "" : addresses;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public Long getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(Long connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName == null ? "" : userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionMQResourceAdapter other && other.addresses.equals(addresses)
                && other.clusterName.equals(clusterName)
                && other.connectTimeoutMillis.equals(connectTimeoutMillis) && other.userName.equals(userName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(addresses, clusterName, connectTimeoutMillis, userName);
    }
}
