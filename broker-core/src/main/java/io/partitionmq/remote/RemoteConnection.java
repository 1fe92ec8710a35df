package io.partitionmq.remote;

import io.partitionmq.access.AccessDeniedException;
import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.cluster.LeaseOperations;
import io.partitionmq.cluster.TemporaryTopicOperations;
import io.partitionmq.group.ConsumerGroupOperations;
import io.partitionmq.group.SubscriptionOperations;
import io.partitionmq.log.BatchPreparer;
import io.partitionmq.log.LogOperations;
import io.partitionmq.log.PartitionAppender;
import io.partitionmq.log.ShareOperations;
import io.partitionmq.transaction.TransactionOperations;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The brokers as a remote client reaches them: through a broker's client port, acting in a session of the user
 * the brokers authenticated (or anonymously, where they have no users), each call checked by the broker.
 * {@link #connect} gives the anonymous handle, which owns the link; {@link #authenticate} one per user.
 */
public final class RemoteConnection implements BrokerConnection {
    private final RemoteLink link;
    /** The handle that owns the link, acting in no session. */
    private final boolean anonymous;
    private final String user;
    private final String password;
    private int session;
    private long sessionGeneration;
    private volatile boolean ended;

    private final LogOperations logs;
    private final ShareOperations shares;
    private final SubscriptionOperations subscriptions;
    private final LeaseOperations leases;
    private final TemporaryTopicOperations temporaryTopics;
    private final ConsumerGroupOperations groups;
    private final TransactionOperations transactions;
    private final BatchPreparer batches = new BatchPreparer();
    private final PartitionAppender appender;

    private RemoteConnection(RemoteLink link, boolean anonymous, String user, String password, int session,
            long generation) {
        this.link = link;
        this.anonymous = anonymous;
        this.user = user;
        this.password = password;
        this.session = session;
        this.sessionGeneration = generation;
        this.logs = proxy(LogOperations.class);
        this.shares = proxy(ShareOperations.class);
        this.subscriptions = proxy(SubscriptionOperations.class);
        this.leases = proxy(LeaseOperations.class);
        this.temporaryTopics = proxy(TemporaryTopicOperations.class);
        this.groups = proxy(ConsumerGroupOperations.class);
        this.transactions = proxy(TransactionOperations.class);
        this.appender = new PartitionAppender(logs, batches);
    }

    /**
     * Connects to the client ports ({@code host:port}) of the brokers of cluster {@code clusterName}, the first
     * that answers; fails with
     * {@link IllegalStateException} if none does within {@code timeout}, which is also how long calls wait for
     * another broker when the link's goes.
     */
    public static RemoteConnection connect(List<String> addresses, String clusterName, Duration timeout) {
        return new RemoteConnection(RemoteLink.open(addresses, clusterName, timeout), true, null, null, 0, 0);
    }

    @Override
    public Optional<Authenticated> authenticate(String user, String password) {
        long generation = link.generation();
        WireCalls.Session opened = (WireCalls.Session) await(link.call(() -> 0, WireCalls.SESSIONS,
                "authenticate/2", new Object[] {user, password}, false));
        if (opened == null) {
            return Optional.empty();
        }
        RemoteConnection acting = new RemoteConnection(link, false, user, password, opened.id(), generation);
        return Optional.of(new Authenticated(opened.access(), acting, acting::end));
    }

    /** The session calls act in, opened again after the link moved to another broker. */
    private synchronized int session() {
        if (anonymous) {
            return 0;
        }
        if (ended) {
            throw new IllegalStateException("the session of user '" + user + "' has ended");
        }
        long generation = link.generation();
        if (sessionGeneration != generation) {
            WireCalls.Session opened = (WireCalls.Session) await(link.call(() -> 0, WireCalls.SESSIONS,
                    "authenticate/2", new Object[] {user, password}, false));
            if (opened == null) {
                throw new AccessDeniedException("the brokers no longer accept user '" + user + "'");
            }
            session = opened.id();
            sessionGeneration = generation;
        }
        return session;
    }

    private <T> T proxy(Class<T> type) {
        Component component = Component.of(type);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "toString" -> type.getSimpleName() + " at " + link;
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> proxy == args[0];
                        };
                    }
                    return call(component, method, args == null ? new Object[0] : args);
                }));
    }

    private Object call(Component component, Method operation, Object[] args) throws Throwable {
        Object[] sent = args.clone();
        List<Long> callbacks = new ArrayList<>();
        Class<?>[] types = operation.getParameterTypes();
        for (int i = 0; i < sent.length; i++) {
            if (sent[i] != null && types[i].isAnnotationPresent(FunctionalInterface.class)) {
                long id = link.register(sent[i], singleMethodOf(types[i]));
                callbacks.add(id);
                sent[i] = new WireCalls.CallbackRef(id);
            }
        }
        String key = Component.key(operation);
        if (operation.getReturnType() == AutoCloseable.class) {
            RemoteRegistration registration = new RemoteRegistration(link, this::session, component.name(), key,
                    sent, callbacks);
            try {
                registration.open();
            } catch (RuntimeException e) {
                callbacks.forEach(link::unregister);
                throw e;
            }
            return registration;
        }
        CompletableFuture<Object> reply = link.call(this::session, component.name(), key, sent,
                operation.isAnnotationPresent(Idempotent.class));
        if (java.util.concurrent.CompletionStage.class.isAssignableFrom(operation.getReturnType())) {
            return reply;
        }
        try {
            return reply.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException || cause instanceof Error) {
                throw cause;
            }
            for (Class<?> declared : operation.getExceptionTypes()) {
                if (declared.isInstance(cause)) {
                    throw cause;
                }
            }
            throw new IllegalStateException(operation.getName() + " failed on the broker: " + cause, cause);
        }
    }

    private static Method singleMethodOf(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(method -> Modifier.isAbstract(method.getModifiers()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(type + " has no method to call"));
    }

    /** The reply's value, or what the broker failed it with, thrown. */
    static Object await(CompletableFuture<Object> reply) {
        try {
            return reply.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new IllegalStateException("the call failed on the broker: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public LogOperations logs() {
        return logs;
    }

    @Override
    public ShareOperations shares() {
        return shares;
    }

    @Override
    public SubscriptionOperations subscriptions() {
        return subscriptions;
    }

    @Override
    public LeaseOperations leases() {
        return leases;
    }

    @Override
    public TemporaryTopicOperations temporaryTopics() {
        return temporaryTopics;
    }

    @Override
    public ConsumerGroupOperations groups() {
        return groups;
    }

    @Override
    public TransactionOperations transactions() {
        return transactions;
    }

    @Override
    public PartitionAppender appender() {
        return appender;
    }

    @Override
    public BatchPreparer batches() {
        return batches;
    }

    @Override
    public AutoCloseable onConnectionLost(Runnable lost) {
        return link.onLost(lost);
    }

    private void awaitSends() {
        try {
            appender.awaitAll();
        } catch (RuntimeException e) {
            // Each send's own stage reported its failure to its sender.
        }
    }

    /** Ends this user's session (its sends waited for); the link stays for the other handles. */
    private void end() {
        awaitSends();
        int ending;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            ending = link.generation() == sessionGeneration ? session : 0;
        }
        if (ending != 0) {
            link.call(() -> 0, WireCalls.SESSIONS, "end/1", new Object[] {ending}, false);
        }
    }

    /** The anonymous handle closes the link; a user's handle ends its session. */
    @Override
    public void close() {
        if (anonymous) {
            awaitSends();
            link.close();
        } else {
            end();
        }
    }
}
