package io.partitionmq.remote;

import io.partitionmq.access.Access;
import io.partitionmq.access.AccessDeniedException;
import io.partitionmq.access.AnyUser;
import io.partitionmq.access.Guarded;
import io.partitionmq.access.Requires;
import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.group.Subscription;
import io.partitionmq.group.TopicPartition;
import io.partitionmq.log.PreparedAppend;
import io.partitionmq.log.TopicMetadata;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Decides, on the broker, whether a client's user may make a call: by the {@link Requires} marks on the
 * operation's parameters, applied to the topics the arguments name. Operations with no mark are refused unless
 * they are {@link AnyUser}.
 */
final class CallAuthorization {
    private CallAuthorization() {
    }

    /** @throws AccessDeniedException saying who may not do what on which topic */
    static void require(Access access, Method operation, Object[] args, BrokerConnection cluster) {
        if (operation.isAnnotationPresent(AnyUser.class)) {
            return;
        }
        boolean marked = false;
        Annotation[][] marks = operation.getParameterAnnotations();
        for (int i = 0; i < marks.length; i++) {
            for (Annotation mark : marks[i]) {
                if (mark instanceof Requires requires) {
                    marked = true;
                    requireOn(access, requires, args[i], cluster);
                }
            }
        }
        if (!marked) {
            throw new AccessDeniedException(operation.getName() + " is not open to clients");
        }
    }

    private static void requireOn(Access access, Requires requires, Object argument, BrokerConnection cluster) {
        if (argument instanceof Guarded guarded) {
            guarded.requireAllowed(access);
            return;
        }
        for (String topic : topicsOf(argument, requires, cluster)) {
            if (requires.unlessExists() && cluster.logs().findTopic(topic).isPresent()) {
                continue;
            }
            access.require(requires.value(), topic);
        }
    }

    private static List<String> topicsOf(Object argument, Requires requires, BrokerConnection cluster) {
        if (argument == null) {
            return List.of();
        }
        if (argument instanceof String name) {
            return requires.subscriptionId()
                    ? cluster.subscriptions().find(name).map(Subscription::topic).stream().toList()
                    : List.of(name);
        }
        if (argument instanceof TopicMetadata topic) {
            return List.of(topic.name());
        }
        if (argument instanceof PreparedAppend append) {
            return List.of(append.topic());
        }
        if (argument instanceof Subscription subscription) {
            return List.of(subscription.topic());
        }
        if (argument instanceof TopicPartition partition) {
            return List.of(partition.topic());
        }
        if (argument instanceof Collection<?> many) {
            return many.stream().flatMap(one -> topicsOf(one, requires, cluster).stream()).toList();
        }
        if (argument instanceof Map<?, ?> keyed) {
            return topicsOf(keyed.keySet(), requires, cluster);
        }
        throw new AccessDeniedException("a " + argument.getClass().getSimpleName() + " names no topic to check");
    }
}
