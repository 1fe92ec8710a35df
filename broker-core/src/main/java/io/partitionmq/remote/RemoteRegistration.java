package io.partitionmq.remote;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Something a client registered on a broker (an append watch, a waiting consumer's pushes), with the callbacks it
 * runs. It is made again on the next broker when the link moves, and closing it ends it on the broker.
 */
final class RemoteRegistration implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RemoteRegistration.class.getName());
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final RemoteLink link;
    private final RemoteLink.Caller caller;
    private final String component;
    private final String operation;
    private final Object[] args;
    private final List<Long> callbacks;
    private volatile WireCalls.HandleRef handle;
    private volatile boolean closed;

    RemoteRegistration(RemoteLink link, RemoteLink.Caller caller, String component, String operation, Object[] args,
            List<Long> callbacks) {
        this.link = link;
        this.caller = caller;
        this.component = component;
        this.operation = operation;
        this.args = args;
        this.callbacks = callbacks;
    }

    /** Makes the registration; throws what the broker refused it with. */
    void open() {
        handle = (WireCalls.HandleRef) RemoteConnection.await(link.call(caller, component, operation, args, true));
        link.track(this);
    }

    /** On a new link: the old broker's registration went with the old link. */
    void renew() {
        if (closed) {
            return;
        }
        link.call(caller, component, operation, args, true).whenComplete((made, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "registering " + operation + " again on another broker failed", failure);
            } else {
                handle = (WireCalls.HandleRef) made;
                if (closed) {
                    end();
                }
            }
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        link.untrack(this);
        callbacks.forEach(link::unregister);
        end();
    }

    private void end() {
        try {
            link.call(caller, WireCalls.HANDLES, "close/1", new Object[] {handle}, false)
                    .get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The broker's side of it ends with the link at the latest.
            LOG.log(Level.DEBUG, "ending " + operation + " on the broker failed", e);
        }
    }
}
