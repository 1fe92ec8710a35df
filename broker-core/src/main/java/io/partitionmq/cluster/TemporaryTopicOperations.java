package io.partitionmq.cluster;

import io.partitionmq.access.AnyUser;
import io.partitionmq.log.TopicMetadata;

/** Temporary topics, which live while their owner's lease does ({@link TemporaryTopics}). */
public interface TemporaryTopicOperations {
    /** Creates a one-partition topic named {@link TemporaryTopics#PREFIX} and more, owned by the lease. */
    @AnyUser
    TopicMetadata create(String name, String ownerLease);

    /** Deletes a temporary topic its owner's lease created; other topics are left alone. */
    @AnyUser
    void delete(String name, String ownerLease);
}
