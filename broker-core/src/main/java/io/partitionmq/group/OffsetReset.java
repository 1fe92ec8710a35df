package io.partitionmq.group;

import java.util.Locale;

/**
 * Where to move a group's committed offsets (as kafka-consumer-groups --reset-offsets does): to the earliest or
 * latest offset, to an offset, to the first record at or after a timestamp, or shifted by N.
 */
public record OffsetReset(Kind kind, long value) {
    public enum Kind { EARLIEST, LATEST, OFFSET, TIMESTAMP, SHIFT }

    /** Parses a kind name (earliest, latest, offset, timestamp, shift), naming the known ones if unknown. */
    public static Kind kind(String name) {
        try {
            return Kind.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown reset '" + name
                    + "'; use earliest, latest, offset, timestamp or shift");
        }
    }
}
