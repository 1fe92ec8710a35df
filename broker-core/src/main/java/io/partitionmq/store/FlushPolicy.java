package io.partitionmq.store;

import java.util.Locale;

/** When the store forces written data to the disk (fsync). */
public enum FlushPolicy {
    /**
     * Before a record, a transaction decision or a group's offsets are acknowledged: nothing acknowledged is lost
     * even if every broker's process dies. Queue consumers' share-group state (acquisitions, acknowledgements) is
     * forced every flush interval: a crash of every replica at once may deliver its last changes' records again.
     */
    ALWAYS,
    /** Every flush interval, in the background: a crash of every replica at once may lose the last interval. */
    INTERVAL,
    /** Never explicitly: the operating system writes when it likes; durability rests on the replicas. */
    NEVER;

    public static FlushPolicy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("partitionmq.store.flush must be always, interval or never, got '"
                    + value + "'");
        }
    }
}
