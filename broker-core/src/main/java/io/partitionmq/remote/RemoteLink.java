package io.partitionmq.remote;

import java.io.DataInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client's link to the brokers: one socket to one broker's client port at a time. When that broker goes, the
 * link moves to the next address it knows: calls that were on their way fail, except idempotent ones, which are
 * sent again; registrations (append watches, pushes) are made again on the new broker; sessions authenticate
 * again when next used.
 */
final class RemoteLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RemoteLink.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    /** A call on its way, or waiting for a link to be sent (again) on. */
    static final class Pending {
        final Caller caller;
        final String component;
        final String operation;
        final Object[] args;
        final boolean resend;
        final CompletableFuture<Object> reply = new CompletableFuture<>();
        volatile WireLink sentOn;

        Pending(Caller caller, String component, String operation, Object[] args, boolean resend) {
            this.caller = caller;
            this.component = component;
            this.operation = operation;
            this.args = args;
            this.resend = resend;
        }
    }

    /** Who makes calls: the session they act in, on the link as it is now. */
    interface Caller {
        int session();
    }

    private record Callback(Object target, Method method) {
    }

    private final List<String> addresses;
    private final String clusterName;
    private final Duration waitForBroker;
    private final Object linkLock = new Object();
    private WireLink current;
    private int nextAddress;
    private long generation;
    private boolean closed;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Callback> callbacks = new ConcurrentHashMap<>();
    private final Set<RemoteRegistration> registrations = ConcurrentHashMap.newKeySet();
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();
    /** Callbacks run here, one at a time in the order their events arrived, never on the socket's reader. */
    private final ExecutorService events = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "partitionmq-client-events");
        thread.setDaemon(true);
        return thread;
    });

    private RemoteLink(List<String> addresses, String clusterName, Duration waitForBroker) {
        this.addresses = List.copyOf(addresses);
        this.clusterName = clusterName;
        this.waitForBroker = waitForBroker;
    }

    /** Connects to the first broker of {@code addresses} in the cluster that answers within {@code timeout}. */
    static RemoteLink open(List<String> addresses, String clusterName, Duration timeout) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no broker addresses given");
        }
        RemoteLink link = new RemoteLink(addresses, clusterName, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        do {
            for (int i = 0; i < addresses.size(); i++) {
                try {
                    link.connect();
                    return link;
                } catch (IOException e) {
                    last = e;
                }
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        link.events.shutdownNow();
        throw new IllegalStateException("no PartitionMQ broker answered at " + addresses + " within "
                + timeout.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()), last);
    }

    /** Connects to the next address in turn. */
    private void connect() throws IOException {
        String address;
        synchronized (linkLock) {
            address = addresses.get(nextAddress++ % addresses.size());
        }
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a broker address is host:port, not '" + address + "'");
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))), CONNECT_TIMEOUT_MILLIS);
            WireLink link = new SocketLink(socket, "broker " + address, new Receiver());
            link.start();
            greet(link, address);
            synchronized (linkLock) {
                if (closed) {
                    link.close();
                    return;
                }
                current = link;
                generation++;
                linkLock.notifyAll();
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** Makes sure the broker belongs to the cluster the client names. */
    private void greet(WireLink link, String address) throws IOException {
        Pending hello = new Pending(() -> 0, WireCalls.SESSIONS, "hello/1", new Object[] {clusterName}, false);
        long id = ids.incrementAndGet();
        pending.put(id, hello);
        hello.sentOn = link;
        link.send(WireLink.CALL, id, new WireCalls.Call(0, hello.component, hello.operation, hello.args));
        try {
            hello.reply.get(CONNECT_TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            link.close();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            link.close();
            throw new IOException("the broker at " + address + " did not answer within "
                    + CONNECT_TIMEOUT_MILLIS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.close();
            throw new IOException("interrupted while greeting " + address, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Which link the sessions belong to; it changes when the link moves to another broker. */
    long generation() {
        synchronized (linkLock) {
            return generation;
        }
    }

    AutoCloseable onLost(Runnable lost) {
        lostListeners.add(lost);
        return () -> lostListeners.remove(lost);
    }

    /** Sends a call and returns its reply, which completes with the value or the broker's exception. */
    CompletableFuture<Object> call(Caller caller, String component, String operation, Object[] args,
            boolean resend) {
        Pending call = new Pending(caller, component, operation, args, resend);
        send(ids.incrementAndGet(), call);
        return call.reply;
    }

    private void send(long id, Pending call) {
        pending.put(id, call);
        while (true) {
            WireLink link;
            try {
                link = awaitLink();
            } catch (RuntimeException e) {
                pending.remove(id);
                call.reply.completeExceptionally(e);
                return;
            }
            try {
                WireCalls.Call frame = new WireCalls.Call(call.caller.session(), call.component, call.operation,
                        call.args);
                call.sentOn = link;
                link.send(WireLink.CALL, id, frame);
                return;
            } catch (WireLink.LinkClosedException e) {
                // Never left: it goes on the next link.
                call.sentOn = null;
            } catch (RuntimeException e) {
                pending.remove(id);
                call.reply.completeExceptionally(e);
                return;
            }
        }
    }

    private WireLink awaitLink() {
        long deadline = System.nanoTime() + waitForBroker.toNanos();
        synchronized (linkLock) {
            while (current == null || !current.isOpen()) {
                if (closed) {
                    throw new IllegalStateException("the connection to the PartitionMQ brokers is closed");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no PartitionMQ broker at " + addresses + " answered for "
                            + waitForBroker.toSeconds() + " s");
                }
                try {
                    linkLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a PartitionMQ broker", e);
                }
            }
            return current;
        }
    }

    /** Registers a callback the broker calls through events; {@code method} is what an event runs. */
    long register(Object target, Method method) {
        long id = ids.incrementAndGet();
        callbacks.put(id, new Callback(target, method));
        return id;
    }

    void unregister(long callback) {
        callbacks.remove(callback);
    }

    void track(RemoteRegistration registration) {
        registrations.add(registration);
    }

    void untrack(RemoteRegistration registration) {
        registrations.remove(registration);
    }

    private final class Receiver implements WireLink.Receiver {
        @Override
        public void received(byte kind, long id, DataInputStream body) throws IOException {
            Object value = WireValues.read(body, true);
            switch (kind) {
                case WireLink.RESULT -> complete(id, value, null);
                case WireLink.FAILURE -> complete(id, null, value instanceof Throwable failure ? failure
                        : new IllegalStateException("a broker failed the call: " + value));
                case WireLink.EVENT -> dispatch(id, (List<?>) value);
                default -> throw new IOException("a broker sent a frame of kind " + kind);
            }
        }

        @Override
        public void closed(IOException cause) {
            lost(cause);
        }
    }

    private void complete(long id, Object value, Throwable failure) {
        Pending call = pending.remove(id);
        if (call == null) {
            return;
        }
        if (failure != null) {
            call.reply.completeExceptionally(failure);
        } else {
            call.reply.complete(value);
        }
    }

    private void dispatch(long id, List<?> args) {
        Callback callback = callbacks.get(id);
        if (callback == null) {
            return;
        }
        events.execute(() -> {
            try {
                callback.method().invoke(callback.target(), args.toArray());
            } catch (InvocationTargetException e) {
                LOG.log(Level.WARNING, "a callback of the PartitionMQ client failed", e.getCause());
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                LOG.log(Level.WARNING, "an event from a broker does not fit its callback", e);
            }
        });
    }

    /** The link's broker went (or the socket failed): calls on it fail or wait, and the link moves on. */
    private void lost(IOException cause) {
        WireLink failed;
        synchronized (linkLock) {
            failed = current;
            if (failed == null || failed.isOpen()) {
                return;
            }
            current = null;
            if (closed) {
                return;
            }
        }
        LOG.log(Level.INFO, "lost " + failed + (cause == null ? "" : " (" + cause.getMessage() + ")")
                + "; moving to another broker");
        pending.forEach((id, call) -> {
            if (call.sentOn == failed) {
                if (call.resend) {
                    call.sentOn = null;
                } else if (pending.remove(id, call)) {
                    call.reply.completeExceptionally(new IllegalStateException("the connection to " + failed
                            + " was lost during " + call.operation + "; it may or may not have taken effect"));
                }
            }
        });
        Thread moving = new Thread(this::reconnect, "partitionmq-reconnect");
        moving.setDaemon(true);
        moving.start();
    }

    private void reconnect() {
        long backoff = 50;
        boolean told = false;
        while (true) {
            synchronized (linkLock) {
                if (closed) {
                    return;
                }
            }
            for (int i = 0; i < addresses.size(); i++) {
                try {
                    connect();
                    restore();
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "a broker did not answer", e);
                }
            }
            if (!told) {
                told = true;
                lostListeners.forEach(Runnable::run);
            }
            sleep(backoff);
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    /** On a new link: sends again what waits to be, and registers again what was registered. */
    private void restore() {
        pending.forEach((id, call) -> {
            if (call.sentOn == null && pending.remove(id, call)) {
                send(id, call);
            }
        });
        for (RemoteRegistration registration : registrations) {
            registration.renew();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        WireLink last;
        synchronized (linkLock) {
            closed = true;
            last = current;
            current = null;
            linkLock.notifyAll();
        }
        if (last != null) {
            last.close();
        }
        pending.forEach((id, call) -> {
            if (pending.remove(id, call)) {
                call.reply.completeExceptionally(new IllegalStateException(
                        "the connection to the PartitionMQ brokers was closed"));
            }
        });
        events.shutdown();
    }
}
