package io.partitionmq.remote;

import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.cluster.LeaseOperations;
import io.partitionmq.cluster.TemporaryTopicOperations;
import io.partitionmq.group.ConsumerGroupOperations;
import io.partitionmq.group.SubscriptionOperations;
import io.partitionmq.log.LogOperations;
import io.partitionmq.log.ShareOperations;
import io.partitionmq.transaction.TransactionOperations;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The parts of {@link BrokerConnection} a client calls over the wire, and their operations by name and arity
 * (no operation is overloaded with the same number of parameters).
 */
enum Component {
    LOGS(LogOperations.class, BrokerConnection::logs),
    SHARES(ShareOperations.class, BrokerConnection::shares),
    SUBSCRIPTIONS(SubscriptionOperations.class, BrokerConnection::subscriptions),
    LEASES(LeaseOperations.class, BrokerConnection::leases),
    TEMPORARY_TOPICS(TemporaryTopicOperations.class, BrokerConnection::temporaryTopics),
    GROUPS(ConsumerGroupOperations.class, BrokerConnection::groups),
    TRANSACTIONS(TransactionOperations.class, BrokerConnection::transactions);

    final Class<?> type;
    final Function<BrokerConnection, Object> of;
    private final Map<String, Method> operations = new HashMap<>();

    Component(Class<?> type, Function<BrokerConnection, Object> of) {
        this.type = type;
        this.of = of;
        for (Method method : type.getMethods()) {
            if (!Modifier.isStatic(method.getModifiers()) && !method.isDefault()
                    && operations.put(key(method), method) != null) {
                throw new IllegalStateException(type.getSimpleName() + " overloads " + method.getName()
                        + " with the same number of parameters");
            }
        }
    }

    static String key(Method method) {
        return method.getName() + "/" + method.getParameterCount();
    }

    static Component of(Class<?> type) {
        for (Component component : values()) {
            if (component.type == type) {
                return component;
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not called over the wire");
    }

    /** The operation a call names; null if there is none. */
    Method operation(String key) {
        return operations.get(key);
    }
}
