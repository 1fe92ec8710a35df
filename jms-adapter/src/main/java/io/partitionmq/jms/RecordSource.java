package io.partitionmq.jms;

import io.partitionmq.log.Record;
import io.partitionmq.transaction.ShareAccept;

/**
 * Where a consumer takes its next record from: a subscriber's cursor or a queue's share group. A delivered
 * record is then accepted (processed) or released (to be delivered again).
 */
interface RecordSource extends AutoCloseable {
    /** A record handed to this consumer, and how many times it has been delivered (1 the first time). */
    record Delivery(int partition, Record record, int deliveryCount) {
    }

    /**
     * The next record for this consumer, or null if none is available now; never blocks waiting for one.
     *
     * @param waitMillis how long the caller will wait for a record if there is none now (0 or less: it will
     *                   not), so that the source may have records sent to it as they arrive
     */
    Delivery next(long waitMillis);

    /** The consumer processed the delivery; it is not delivered again. May take effect after it returns. */
    void accept(Delivery delivery);

    /**
     * What accepting the delivery is as part of a transaction the brokers apply, or null where accepting is this
     * consumer's own business (a non-durable subscriber's position).
     */
    ShareAccept acceptanceOf(Delivery delivery);

    /** Waits until every {@link #accept} so far has taken effect, so those deliveries cannot come again. */
    void awaitAccepted();

    /** The consumer did not process the delivery; it is delivered again (to any consumer of a queue). */
    void release(Delivery delivery);

    /** Gives back records handed out but not yet delivered, so redelivery starts again from the oldest. */
    void returnUndelivered();

    /**
     * The consumer stopped waiting for records (a receive timed out, its listener was removed): what it waited
     * for, and what reached it meanwhile, goes to other consumers instead of staying with an idle one.
     */
    void idle();

    /** Look at every partition again on the next call, as if each had signalled new data. */
    void refresh();

    /** Stops the source; records handed out but not yet delivered are released. */
    @Override
    void close();
}
