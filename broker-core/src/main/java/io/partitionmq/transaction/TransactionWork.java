package io.partitionmq.transaction;

import io.partitionmq.access.Access;
import io.partitionmq.access.Guarded;
import io.partitionmq.access.Permission;
import io.partitionmq.log.PreparedAppend;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What a transaction does when it commits: batches to append and share-group records to accept. */
public record TransactionWork(List<PreparedAppend> appends, List<ShareAccept> accepts) implements Guarded {
    public static final TransactionWork EMPTY = new TransactionWork(List.of(), List.of());

    public TransactionWork {
        appends = List.copyOf(appends);
        accepts = List.copyOf(accepts);
    }

    /** The work of several parts of one transaction (several sessions of one branch), as one. */
    public static TransactionWork combine(List<TransactionWork> parts) {
        List<PreparedAppend> appends = new ArrayList<>();
        List<ShareAccept> accepts = new ArrayList<>();
        for (TransactionWork part : parts) {
            appends.addAll(part.appends());
            accepts.addAll(part.accepts());
        }
        return new TransactionWork(appends, accepts);
    }

    /** Its sends need {@code send} on their topics, its receives {@code consume}. */
    @Override
    public void requireAllowed(Access access) {
        appends.forEach(append -> access.require(Permission.SEND, append.topic()));
        accepts.forEach(accept -> access.require(Permission.CONSUME, accept.topic()));
    }

    public boolean isEmpty() {
        return appends.isEmpty() && accepts.isEmpty();
    }

    /**
     * Whether applying it half could expose part of the transaction: it sends, and takes more than one operation
     * (each append and each accept is one, atomic in itself). Acceptances alone cannot: a crash between them only
     * delivers the rest again, as it would have without the commit.
     */
    boolean needsRecord() {
        return !appends.isEmpty() && appends.size() + accepts.size() > 1;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(appends.size());
        for (PreparedAppend append : appends) {
            append.write(out);
        }
        out.writeInt(accepts.size());
        for (ShareAccept accept : accepts) {
            accept.write(out);
        }
    }

    static TransactionWork read(DataInput in) throws IOException {
        int appendCount = in.readInt();
        List<PreparedAppend> appends = new ArrayList<>(appendCount);
        for (int i = 0; i < appendCount; i++) {
            appends.add(PreparedAppend.read(in));
        }
        int acceptCount = in.readInt();
        List<ShareAccept> accepts = new ArrayList<>(acceptCount);
        for (int i = 0; i < acceptCount; i++) {
            accepts.add(ShareAccept.read(in));
        }
        return new TransactionWork(appends, accepts);
    }
}
