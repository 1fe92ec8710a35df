package io.partitionmq.transaction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A transaction as the cluster keeps it while it is in doubt: prepared (two-phase, waiting for its transaction
 * manager's decision) or committing (decided; its work is being applied). {@code owner} is the lease of whoever
 * applies it; when that lease is gone the brokers finish a committing transaction themselves.
 */
record TransactionRecord(String id, Status status, String owner, long createdAt, TransactionWork work) {
    enum Status {
        PREPARED, COMMITTING
    }

    private static final int FORMAT = 1;

    TransactionRecord committingBy(String newOwner) {
        return new TransactionRecord(id, Status.COMMITTING, newOwner, createdAt, work);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + work.appends().stream()
                .mapToInt(append -> append.payload().length).sum());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(status.ordinal());
            out.writeUTF(id);
            out.writeUTF(owner);
            out.writeLong(createdAt);
            work.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static TransactionRecord fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown transaction record format " + format);
            }
            Status status = Status.values()[in.readByte()];
            return new TransactionRecord(in.readUTF(), status, in.readUTF(), in.readLong(), TransactionWork.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt transaction record", e);
        }
    }

    /** The status, read from the record's second byte without decoding the rest. */
    static Status statusOf(byte[] bytes) {
        return Status.values()[bytes[1]];
    }
}
