package io.partitionmq.cluster;

import io.partitionmq.access.Access;
import io.partitionmq.group.ConsumerGroupOperations;
import io.partitionmq.group.SubscriptionOperations;
import io.partitionmq.log.BatchPreparer;
import io.partitionmq.log.LogOperations;
import io.partitionmq.log.PartitionAppender;
import io.partitionmq.log.ShareOperations;
import io.partitionmq.transaction.TransactionOperations;
import java.util.Optional;

/**
 * What a client (the JMS library, a Kafka-style consumer) reaches of a broker cluster: the cluster itself from
 * inside its trust boundary ({@link DirectConnection}), or a broker's client port ({@code RemoteConnection}),
 * where every operation is checked against the permissions of the user it acts for. Closing it releases what
 * the handle owns and never stops a broker.
 */
public interface BrokerConnection extends AutoCloseable {
    LogOperations logs();

    ShareOperations shares();

    SubscriptionOperations subscriptions();

    LeaseOperations leases();

    TemporaryTopicOperations temporaryTopics();

    ConsumerGroupOperations groups();

    TransactionOperations transactions();

    /** Appends records sent one at a time, batched per partition; shared by everything using this handle. */
    PartitionAppender appender();

    /** This handle's identity as a producer, for batches it prepares (transactions). */
    BatchPreparer batches();

    /**
     * A user the brokers accepted: what they may do, and a handle acting as them until {@link #close()} (which
     * leaves the handle it came from open).
     */
    record Authenticated(Access access, BrokerConnection connection, Runnable end) implements AutoCloseable {
        @Override
        public void close() {
            end.run();
        }
    }

    /**
     * Asks a broker whether it accepts the credentials (a broker with no users configured accepts any, even none);
     * empty if it refuses them.
     */
    Optional<Authenticated> authenticate(String user, String password);

    /**
     * Calls {@code lost} when this handle loses the cluster (a client its connection to the brokers, or the broker
     * it runs in shuts down). Closing the returned handle stops the calls.
     */
    AutoCloseable onConnectionLost(Runnable lost);

    @Override
    void close();
}
