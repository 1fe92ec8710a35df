package io.partitionmq.log;

/** A batch larger than its topic's max.message.bytes; nothing of it was appended. */
public class RecordTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String topic, int bytes, int limit) {
        super("a batch of " + bytes + " bytes exceeds max.message.bytes=" + limit + " of topic '" + topic
                + "'; nothing of it was appended");
    }
}
