package io.partitionmq.remote;

import io.partitionmq.access.Access;
import io.partitionmq.access.AccessDeniedException;
import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.DirectConnection;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broker's client port: remote clients ({@link RemoteConnection}) call the client operations here, and the
 * broker runs each one against the cluster after checking that the session's user may (see
 * {@link CallAuthorization}). Each client socket gets its own handle on the cluster, so what it registers
 * (append watches, pushes to waiting consumers) ends with it.
 */
public final class Gateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final Broker broker;
    private final String host;
    private final ServerSocketChannel server;
    private final Set<Served> clients = ConcurrentHashMap.newKeySet();
    /** Operations that may block (all but those answering with a stage) run here, not on a socket's reader. */
    private final ExecutorService calls = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "partitionmq-gateway-call");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    private Gateway(Broker broker, String host, ServerSocketChannel server) {
        this.broker = broker;
        this.host = host;
        this.server = server;
    }

    /** Opens a client port on the broker's own host ({@code 0}: any free port). */
    public static Gateway open(Broker broker, int port) {
        return open(broker, broker.config().host(), port);
    }

    /** Opens the broker's client port and serves clients there until the broker stops. */
    public static Gateway open(Broker broker, String host, int port) {
        ServerSocketChannel server;
        try {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        } catch (IOException e) {
            throw new IllegalStateException("the client port " + host + ":" + port + " cannot be opened: "
                    + e.getMessage(), e);
        }
        Gateway gateway = new Gateway(broker, host, server);
        Thread acceptor = new Thread(gateway::accept, "partitionmq-gateway-" + gateway.port());
        acceptor.setDaemon(true);
        acceptor.start();
        broker.attach(gateway);
        LOG.log(Level.INFO, "PartitionMQ broker {0} serves clients at {1}", broker.id(), gateway.address());
        return gateway;
    }

    /** {@code host:port}, as clients name it. */
    public String address() {
        return host + ":" + port();
    }

    private int port() {
        return server.socket().getLocalPort();
    }

    private void accept() {
        while (!closed) {
            SocketChannel socket = null;
            try {
                socket = server.accept();
                Served client = new Served(socket);
                clients.add(client);
                client.link.start();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "accepting a client at " + address() + " failed", e);
                }
                closeQuietly(socket);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the client port failed", e);
        }
        for (Served client : clients) {
            client.link.close();
        }
        calls.shutdownNow();
    }

    @Override
    public String toString() {
        return "the client port " + address();
    }

    /** One client socket: its sessions, its registrations, and its handle on the cluster. */
    private final class Served implements WireLink.Receiver {
        final WireLink link;
        final DirectConnection cluster;
        final Map<Integer, Access> sessions = new ConcurrentHashMap<>();
        final AtomicInteger nextSession = new AtomicInteger();
        final Map<Long, AutoCloseable> handles = new ConcurrentHashMap<>();

        Served(SocketChannel socket) throws IOException {
            this.cluster = broker.connect();
            try {
                this.link = new ChannelLink(socket, "client " + socket.getRemoteAddress(), this);
            } catch (IOException | RuntimeException e) {
                cluster.close(); // a failed accept leaves no handle on the cluster behind
                throw e;
            }
        }

        @Override
        public void received(byte kind, long id, DataInputStream body) throws IOException {
            if (kind != WireLink.CALL) {
                throw new IOException("a client sent a frame of kind " + kind);
            }
            WireCalls.Call call;
            try {
                call = WireCalls.Call.read(body);
            } catch (IOException e) {
                fail(id, new IllegalArgumentException("the broker cannot read the call: " + e.getMessage(), e));
                return;
            }
            try {
                dispatch(id, call);
            } catch (RuntimeException e) {
                fail(id, e);
            }
        }

        private void dispatch(long id, WireCalls.Call call) {
            switch (call.component()) {
                case WireCalls.SESSIONS -> calls.execute(() -> answer(id, () -> session(call)));
                case WireCalls.HANDLES -> answer(id, () -> closeHandle(call));
                default -> operate(id, call);
            }
        }

        private Object session(WireCalls.Call call) {
            Object[] args = call.args();
            if (call.operation().equals("authenticate/2") && args.length == 2
                    && (args[0] == null || args[0] instanceof String) && (args[1] == null || args[1] instanceof String)) {
                Optional<Access> access = broker.authenticate((String) args[0], (String) args[1]);
                if (access.isEmpty()) {
                    return null;
                }
                int session = nextSession.incrementAndGet();
                sessions.put(session, access.get());
                return new WireCalls.Session(session, access.get());
            }
            if (call.operation().equals("hello/1") && args.length == 1 && args[0] instanceof String cluster) {
                if (!cluster.equals(broker.config().clusterName())) {
                    throw new IllegalArgumentException("the broker at " + address() + " belongs to cluster '"
                            + broker.config().clusterName() + "', not '" + cluster + "'");
                }
                return broker.id();
            }
            if (call.operation().equals("end/1") && args.length == 1 && args[0] instanceof Integer session) {
                sessions.remove(session);
                return null;
            }
            throw new IllegalArgumentException("no session operation " + call.operation());
        }

        private Object closeHandle(WireCalls.Call call) throws Exception {
            if (call.args().length == 1 && call.args()[0] instanceof WireCalls.HandleRef handle) {
                AutoCloseable registration = handles.remove(handle.id());
                if (registration != null) {
                    registration.close();
                }
                return null;
            }
            throw new IllegalArgumentException("close takes a handle");
        }

        private Access accessOf(int session) {
            Access access = session == 0 ? broker.authenticate(null, null).orElse(null) : sessions.get(session);
            if (access == null) {
                throw new AccessDeniedException(session == 0 ? "the brokers have users configured"
                        + " (partitionmq.users): authenticate with a user name and password first"
                        : "the session has ended; authenticate again");
            }
            return access;
        }

        private void operate(long id, WireCalls.Call call) {
            Component component;
            try {
                component = Component.valueOf(call.component());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("no component " + call.component(), e);
            }
            Method operation = component.operation(call.operation());
            if (operation == null) {
                throw new IllegalArgumentException("no operation " + call.operation() + " of " + call.component());
            }
            Object target = component.of.apply(cluster);
            Object[] args = withCallbacks(operation, call.args());
            if (CompletionStage.class.isAssignableFrom(operation.getReturnType())) {
                // Answered when the stage completes: nothing here waits, so it runs at once, in arrival order.
                CallAuthorization.require(accessOf(call.session()), operation, args, cluster);
                ((CompletionStage<?>) invoke(operation, target, args)).whenComplete((value, failure) -> {
                    if (failure != null) {
                        fail(id, failure instanceof java.util.concurrent.CompletionException && failure.getCause()
                                != null ? failure.getCause() : failure);
                    } else {
                        reply(id, value);
                    }
                });
                return;
            }
            calls.execute(() -> answer(id, () -> {
                CallAuthorization.require(accessOf(call.session()), operation, args, cluster);
                Object value = invoke(operation, target, args);
                if (value instanceof AutoCloseable registration && operation.getReturnType() == AutoCloseable.class) {
                    // Random, so that a handle a client kept from a broker it lost means nothing here.
                    long handle = java.util.concurrent.ThreadLocalRandom.current().nextLong();
                    handles.put(handle, registration);
                    return new WireCalls.HandleRef(handle);
                }
                return value;
            }));
        }

        /** Stands in for each callback the client registered: calling it sends the client an event. */
        private Object[] withCallbacks(Method operation, Object[] args) {
            if (args.length != operation.getParameterCount()) {
                throw new IllegalArgumentException(operation.getName() + " takes " + operation.getParameterCount()
                        + " arguments, not " + args.length);
            }
            Object[] resolved = args.clone();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof WireCalls.CallbackRef callback) {
                    Class<?> type = operation.getParameterTypes()[i];
                    if (!type.isInterface()) {
                        throw new IllegalArgumentException("parameter " + i + " of " + operation.getName()
                                + " takes no callback");
                    }
                    resolved[i] = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                            (proxy, method, eventArgs) -> switch (method.getName()) {
                                case "toString" -> "callback " + callback.id();
                                case "hashCode" -> Long.hashCode(callback.id());
                                case "equals" -> proxy == eventArgs[0];
                                default -> {
                                    event(callback.id(), eventArgs == null ? List.of() : Arrays.asList(eventArgs));
                                    yield null;
                                }
                            });
                }
            }
            return resolved;
        }

        private void event(long callback, List<Object> args) {
            if (link.isOpen()) {
                link.send(WireLink.EVENT, callback, WireCalls.value(args));
            }
        }

        private interface Answer {
            Object get() throws Exception;
        }

        private void answer(long id, Answer answer) {
            Object value;
            try {
                value = answer.get();
            } catch (Exception e) {
                fail(id, e);
                return;
            }
            reply(id, value);
        }

        private void reply(long id, Object value) {
            try {
                link.send(WireLink.RESULT, id, WireCalls.value(value));
            } catch (WireLink.LinkClosedException e) {
                LOG.log(Level.DEBUG, "a reply to a closed client was dropped", e);
            } catch (IllegalArgumentException e) {
                fail(id, e);
            }
        }

        private void fail(long id, Throwable failure) {
            if (failure instanceof WrappedFailure wrapped) {
                failure = wrapped.getCause();
            }
            try {
                link.send(WireLink.FAILURE, id, WireCalls.value(failure));
            } catch (WireLink.LinkClosedException e) {
                LOG.log(Level.DEBUG, "a failure reply to a closed client was dropped", e);
            }
        }

        @Override
        public void closed(IOException cause) {
            clients.remove(this);
            if (cause != null) {
                LOG.log(Level.DEBUG, link + " failed", cause);
            }
            handles.values().forEach(registration -> {
                try {
                    registration.close();
                } catch (Exception e) {
                    LOG.log(Level.DEBUG, "ending a registration of " + link + " failed", e);
                }
            });
            handles.clear();
            sessions.clear();
            cluster.close();
        }
    }

    /** A socket whose accepting failed: closing it is all that is left to do. */
    private static void closeQuietly(SocketChannel socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing a socket that was not accepted failed", e);
            }
        }
    }

    private static Object invoke(Method operation, Object target, Object[] args) {
        try {
            return operation.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new WrappedFailure(cause);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the arguments do not fit " + operation.getName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A checked exception an operation threw, carried to the client as it is. */
    private static final class WrappedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrappedFailure(Throwable cause) {
            super(cause);
        }
    }
}
