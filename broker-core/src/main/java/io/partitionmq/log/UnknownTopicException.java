package io.partitionmq.log;

/** An operation named a topic that does not exist (and that the operation does not create). */
public class UnknownTopicException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownTopicException(String topic) {
        super("topic '" + topic + "' does not exist");
    }
}
