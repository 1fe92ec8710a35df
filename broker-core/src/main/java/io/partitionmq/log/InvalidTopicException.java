package io.partitionmq.log;

/** A topic name or topic setting that the log cannot accept; the message says what is wrong. */
public class InvalidTopicException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidTopicException(String message) {
        super(message);
    }
}
