package io.partitionmq.log;

/** Thrown when a topic is created under a name that is already taken. */
public class TopicExistsException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TopicExistsException(String topic) {
        super("topic '" + topic + "' already exists");
    }
}
