package io.partitionmq.jms;

import io.partitionmq.log.Record;

/** Where a consumer takes its next record from: a subscriber's cursor or a queue's claims. */
interface RecordSource extends AutoCloseable {
    /** The next record for this consumer, or null if none is available now; never blocks waiting for one. */
    Record next();

    /** Look at every partition again on the next call, as if each had signalled new data. */
    void refresh();

    @Override
    void close();
}
