package io.partitionmq.group;

import static io.partitionmq.access.Permission.CONSUME;

import io.partitionmq.access.AnyUser;
import io.partitionmq.access.Requires;
import io.partitionmq.remote.Idempotent;
import java.util.Optional;

/** What clients do with named subscriptions ({@link Subscriptions} documents each operation). */
public interface SubscriptionOperations {
    @AnyUser
    @Idempotent
    Optional<Subscription> find(String id);

    Subscription open(@Requires(CONSUME) Subscription wanted);

    Subscription attach(@Requires(CONSUME) Subscription wanted, String consumer);

    @Idempotent
    void renew(@Requires(value = CONSUME, subscriptionId = true) String id, String consumer);

    void detach(@Requires(value = CONSUME, subscriptionId = true) String id, String consumer);

    boolean unsubscribe(@Requires(value = CONSUME, subscriptionId = true) String id);
}
