package io.partitionmq.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The temporary queues and topics of one connection: log topics named {@code tmp.<connection id>.<n>} with one
 * partition, consumable only by that connection and deleted with it, or by the brokers once the connection's
 * lease expires because its process died ({@link io.partitionmq.cluster.TemporaryTopics}).
 */
final class TemporaryDestinations {
    private static final System.Logger LOG = System.getLogger(TemporaryDestinations.class.getName());
    static final String PREFIX = io.partitionmq.cluster.TemporaryTopics.PREFIX;

    private final PartitionMQConnection connection;
    private final AtomicLong created = new AtomicLong();
    private final List<PartitionMQDestination> live = new CopyOnWriteArrayList<>();

    TemporaryDestinations(PartitionMQConnection connection) {
        this.connection = connection;
    }

    /** Creates a temporary queue or topic's log topic and returns its name. */
    String create() throws JMSException {
        String name = PREFIX + connection.id() + "." + created.incrementAndGet();
        try {
            connection.broker().temporaryTopics().create(name, connection.ownerLease());
        } catch (RuntimeException e) {
            throw JmsErrors.translate(e, "creating a temporary destination");
        }
        return name;
    }

    void register(PartitionMQDestination destination) {
        live.add(destination);
    }

    static boolean isTemporary(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    /** Whether this connection created the temporary destination of that name. */
    boolean owns(String name) {
        return name.startsWith(PREFIX + connection.id() + ".");
    }

    /** A temporary destination's delete(): only its connection ({@code owner}, null elsewhere) may. */
    static void delete(TemporaryDestinations owner, PartitionMQDestination destination) throws JMSException {
        if (owner == null) {
            throw new IllegalStateException("only the connection that created " + destination.getName()
                    + " can delete it");
        }
        owner.delete(destination);
    }

    /** Deletes one; refused while a consumer of this connection is open on it (specification, 6.2.2). */
    private void delete(PartitionMQDestination destination) throws JMSException {
        if (connection.hasConsumerOn(destination)) {
            throw new IllegalStateException("the temporary destination " + destination.getName()
                    + " still has a consumer; close it first");
        }
        live.remove(destination);
        try {
            connection.broker().temporaryTopics().delete(destination.getName(), connection.ownerLease());
        } catch (RuntimeException e) {
            throw JmsErrors.translate(e, "deleting " + destination);
        }
    }

    /** Deletes every temporary destination the connection still has (it is closing). */
    void deleteAll() {
        for (PartitionMQDestination destination : live) {
            try {
                connection.broker().temporaryTopics().delete(destination.getName(), connection.ownerLease());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "deleting " + destination.getName() + " failed; the brokers delete it once"
                        + " the connection's lease expires", e);
            }
        }
        live.clear();
    }

    static InvalidDestinationException notOwner(PartitionMQDestination destination) {
        return new InvalidDestinationException("only the connection that created the temporary destination "
                + destination.getName() + " can consume from it");
    }
}
