package io.partitionmq.jndi;

import io.partitionmq.jms.PartitionMQConnectionFactory;
import io.partitionmq.jms.PartitionMQQueue;
import io.partitionmq.jms.PartitionMQTopic;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * JNDI for Java SE clients, so that code which looks its connection factories and destinations up (as portable
 * JMS code does, and as it would in an application server) runs unchanged: set {@code java.naming.factory.initial}
 * to this class, in {@code jndi.properties} or the {@code InitialContext}'s environment, and name the objects
 * there:
 *
 * <pre>
 * java.naming.provider.url = 127.0.0.1:5901,127.0.0.1:5902
 * connectionFactory.MyConnectionFactory =
 * connectionFactory.DurableFactory = 127.0.0.1:5901?clientID=orders-app&amp;user=app&amp;password=secret
 * queue.jms/orders = orders
 * topic.jms/prices = prices
 * </pre>
 *
 * A connection factory's value is its brokers' addresses (empty: the provider URL's) and, after {@code ?},
 * settings of {@link PartitionMQConnectionFactory}: {@code clientID}, {@code user}, {@code password},
 * {@code clusterName}, {@code connectTimeoutMillis}; settings after the provider URL apply to every factory. {@code ConnectionFactory} is bound to the provider URL unless configured
 * otherwise, and {@code dynamicQueues/<name>} and {@code dynamicTopics/<name>} look up any queue or topic by name.
 * The context is read-only: its objects come from the environment alone.
 */
public final class PartitionMQInitialContextFactory implements InitialContextFactory {
    static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    static final String QUEUE_PREFIX = "queue.";
    static final String TOPIC_PREFIX = "topic.";
    static final String DEFAULT_CONNECTION_FACTORY = "ConnectionFactory";

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<Object, Object> copy = new Hashtable<>(environment == null ? Map.of() : environment);
        String providerUrl = copy.containsKey(Context.PROVIDER_URL) ? String.valueOf(copy.get(Context.PROVIDER_URL))
                : "";
        Map<String, Object> bound = new HashMap<>();
        bound.put(DEFAULT_CONNECTION_FACTORY, connectionFactory(DEFAULT_CONNECTION_FACTORY, "", providerUrl));
        for (Map.Entry<?, ?> entry : copy.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                continue;
            }
            String value = String.valueOf(entry.getValue()).trim();
            if (key.startsWith(CONNECTION_FACTORY_PREFIX)) {
                String name = boundName(key, CONNECTION_FACTORY_PREFIX);
                bound.put(name, connectionFactory(name, value, providerUrl));
            } else if (key.startsWith(QUEUE_PREFIX)) {
                bound.put(boundName(key, QUEUE_PREFIX), new PartitionMQQueue(destinationName(key, value)));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                bound.put(boundName(key, TOPIC_PREFIX), new PartitionMQTopic(destinationName(key, value)));
            }
        }
        return new ReadOnlyContext(bound, copy);
    }

    private static String boundName(String key, String prefix) throws ConfigurationException {
        String name = key.substring(prefix.length()).trim();
        if (name.isEmpty()) {
            throw new ConfigurationException("'" + key + "' names no object: write " + prefix + "<name> = ...");
        }
        return name;
    }

    private static String destinationName(String key, String value) throws ConfigurationException {
        if (value.isEmpty()) {
            throw new ConfigurationException("'" + key + "' gives no destination name");
        }
        return value;
    }

    /**
     * A factory from {@code addresses[?setting=value&...]}: an empty address list means the provider URL's, and
     * the provider URL's settings apply first, so that a factory's own override them.
     */
    static PartitionMQConnectionFactory connectionFactory(String name, String value, String providerUrl)
            throws ConfigurationException {
        String addresses = addresses(value);
        PartitionMQConnectionFactory factory = new PartitionMQConnectionFactory(
                addresses.isEmpty() ? addresses(providerUrl) : addresses);
        configure(factory, name, providerUrl);
        configure(factory, name, value);
        return factory;
    }

    private static String addresses(String url) {
        int query = url.indexOf('?');
        return (query < 0 ? url : url.substring(0, query)).trim();
    }

    private static void configure(PartitionMQConnectionFactory factory, String name, String url)
            throws ConfigurationException {
        int query = url.indexOf('?');
        if (query < 0) {
            return;
        }
        for (String setting : url.substring(query + 1).split("&")) {
            int equals = setting.indexOf('=');
            String key = equals < 0 ? setting : setting.substring(0, equals);
            String value = equals < 0 ? "" : setting.substring(equals + 1);
            switch (key) {
                case "clientID" -> factory.setClientID(value);
                case "user" -> factory.setUser(value);
                case "password" -> factory.setPassword(value);
                case "clusterName" -> factory.setClusterName(value);
                case "connectTimeoutMillis" -> factory.setConnectTimeoutMillis(millis(name, value));
                default -> throw new ConfigurationException("connection factory '" + name + "' has an unknown"
                        + " setting '" + key + "' (known: clientID, user, password, clusterName,"
                        + " connectTimeoutMillis)");
            }
        }
    }

    private static long millis(String name, String value) throws ConfigurationException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("connection factory '" + name + "': connectTimeoutMillis must be a"
                    + " number of milliseconds, got '" + value + "'");
        }
    }
}
