package io.partitionmq.jms;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.cluster.LocalBroker;
import io.partitionmq.remote.RemoteConnection;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where connections find the brokers. With bootstrap addresses (the brokers' client ports), all connections to
 * the same cluster share one link (one socket per JVM), each acting in its own user's session; without, they call
 * the broker running in this JVM.
 */
final class BrokerAccess {
    private static final Map<String, SharedClient> CLIENTS = new HashMap<>();

    private BrokerAccess() {
    }

    /**
     * A connection's hold on the cluster; {@link #close()} releases it. {@code inVm}: the broker runs in this JVM,
     * whose applications it trusts.
     */
    record Lease(BrokerConnection broker, boolean inVm, Runnable release) implements AutoCloseable {
        @Override
        public void close() {
            release.run();
        }
    }

    private static final class SharedClient {
        final BrokerConnection connection;
        int users;

        SharedClient(BrokerConnection connection) {
            this.connection = connection;
        }
    }

    static List<String> parseAddresses(String addresses) {
        if (addresses == null || addresses.isBlank()) {
            return List.of();
        }
        return Arrays.stream(addresses.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
    }

    static Lease acquire(String addresses, String clusterName, Duration timeout) throws JMSException {
        List<String> bootstrap = parseAddresses(addresses);
        return bootstrap.isEmpty() ? inVm(timeout) : shared(bootstrap, clusterName, timeout);
    }

    private static Lease inVm(Duration timeout) throws JMSException {
        Optional<Broker> broker;
        try {
            broker = LocalBroker.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while waiting for the broker in this JVM");
        }
        return new Lease(broker.orElseThrow(() -> new JMSException("no PartitionMQ broker runs in this JVM and no"
                + " broker addresses are configured; set the connection factory's addresses (host:port,...)"))
                .connect(), true, () -> { });
    }

    private static synchronized Lease shared(List<String> bootstrap, String clusterName, Duration timeout)
            throws JMSException {
        String id = clusterName + "@" + String.join(",", bootstrap);
        SharedClient client = CLIENTS.get(id);
        if (client == null) {
            try {
                client = new SharedClient(RemoteConnection.connect(bootstrap, clusterName, timeout));
            } catch (IllegalStateException e) {
                throw JmsErrors.translate(e, "connecting to the brokers");
            }
            CLIENTS.put(id, client);
        }
        client.users++;
        SharedClient held = client;
        return new Lease(held.connection, false, () -> release(id, held));
    }

    private static synchronized void release(String id, SharedClient client) {
        if (--client.users == 0 && CLIENTS.remove(id, client)) {
            client.connection.close();
        }
    }
}
