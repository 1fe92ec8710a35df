package io.partitionmq.log;

/** What a share-group consumer says of a record it acquired (Kafka's KIP-932 names). */
public enum AcknowledgeType {
    /** Processed: never delivered again. */
    ACCEPT,
    /** Not processed: available again, to any consumer, with its delivery count kept. */
    RELEASE,
    /** Unprocessable: never delivered again; it goes to the dead-letter topic. */
    REJECT,
    /**
     * Handed back unseen (fetched ahead by a consumer that closed): available again, and this acquisition does
     * not count as a delivery.
     */
    RETURN
}
