package io.partitionmq.remote;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What the frames between a client and a broker hold. A call names the session it acts in (0: none, as the
 * anonymous user where brokers allow that), the component and the operation, and its arguments; a result holds
 * the value, a failure the exception, an event the arguments of a callback the client registered.
 */
final class WireCalls {
    /** The component of session calls: {@code authenticate(user, password)} and {@code end(session)}. */
    static final String SESSIONS = "sessions";
    /** The component of {@code close(handle)}, which ends what a registering call started. */
    static final String HANDLES = "handles";

    private WireCalls() {
    }

    /** A call's frame body. */
    record Call(int session, String component, String operation, Object[] args) implements WireLink.Body {
        @Override
        public void writeTo(DataOutputStream out) throws IOException {
            out.writeInt(session);
            WireValues.writeString(out, component);
            WireValues.writeString(out, operation);
            out.writeInt(args.length);
            for (Object arg : args) {
                WireValues.write(out, arg);
            }
        }

        static Call read(DataInputStream in) throws IOException {
            int session = in.readInt();
            String component = WireValues.readString(in);
            String operation = WireValues.readString(in);
            int count = in.readInt();
            if (count < 0 || count > 32) {
                throw new IOException("a call with " + count + " arguments");
            }
            Object[] args = new Object[count];
            for (int i = 0; i < count; i++) {
                args[i] = WireValues.read(in, false);
            }
            return new Call(session, component, operation, args);
        }
    }

    /** A single value's frame body: a result, a failure, an event's arguments (as a list). */
    static WireLink.Body value(Object value) {
        return out -> WireValues.write(out, value);
    }

    /** A callback's place in a call's arguments: the client runs it when the broker sends an event for its id. */
    public record CallbackRef(long id) {
    }

    /** What a registering call returns: the broker's handle on the registration, which the client closes. */
    public record HandleRef(long id) {
    }

    /** A session opened for a user, and what the brokers allow them. */
    public record Session(int id, io.partitionmq.access.Access access) {
    }
}
