package io.partitionmq.log;

import java.io.Serializable;

/**
 * A condition on records, evaluated on the partition's leader where the records live (a JMS message selector is
 * one), so records a consumer does not select never cross the network. Implementations must be loadable by the
 * brokers (they are part of the engine) and serializable.
 */
public interface RecordFilter extends Serializable {
    /** Whether the filter selects the record as a reader (of a topic, or the admin's search) sees it. */
    boolean matches(Record record);

    /**
     * Whether the filter selects the record for a delivery that would be its {@code deliveryCount}th (a share
     * group's consumer may be handed a record again), which a JMS selector reads as JMSXDeliveryCount.
     */
    default boolean matches(Record record, int deliveryCount) {
        return matches(record);
    }
}
