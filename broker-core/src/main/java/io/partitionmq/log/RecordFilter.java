package io.partitionmq.log;

import java.io.Serializable;

/**
 * A condition on records, evaluated on the partition's leader where the records live (a JMS message selector is
 * one), so records a consumer does not select never cross the network. Implementations must be loadable by the
 * brokers (they are part of the engine) and serializable.
 */
public interface RecordFilter extends Serializable {
    boolean matches(Record record);
}
