package io.partitionmq.log;

/**
 * An offset outside a partition's log: before its start (deleted by retention or by an operator) or after its
 * end. It carries the valid range, so a reader can reset to the earliest or latest offset.
 */
public class OffsetOutOfRangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final long startOffset;
    private final long endOffset;

    public OffsetOutOfRangeException(String topic, int partition, long offset, long startOffset, long endOffset) {
        super("offset " + offset + " is outside partition " + topic + "/" + partition + ", which holds offsets "
                + startOffset + " up to (not including) " + endOffset);
        this.startOffset = startOffset;
        this.endOffset = endOffset;
    }

    /** The earliest offset the partition still holds. */
    public long startOffset() {
        return startOffset;
    }

    /** The offset the next appended record will get. */
    public long endOffset() {
        return endOffset;
    }
}
