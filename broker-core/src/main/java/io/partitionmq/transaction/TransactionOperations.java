package io.partitionmq.transaction;

import io.partitionmq.access.AnyUser;
import io.partitionmq.access.Requires;
import io.partitionmq.access.Permission;
import io.partitionmq.remote.Idempotent;
import java.util.List;

/**
 * Transactions over several partitions ({@link Transactions} documents each operation). The work's sends and
 * receives are checked against the caller's permissions when it is committed or prepared.
 */
public interface TransactionOperations {
    void commit(@Requires(Permission.SEND) TransactionWork work, String ownerLease);

    void prepare(String id, @Requires(Permission.SEND) TransactionWork work);

    @AnyUser
    void commitPrepared(String id, String ownerLease);

    @AnyUser
    void rollbackPrepared(String id);

    @AnyUser
    @Idempotent
    List<String> prepared();
}
