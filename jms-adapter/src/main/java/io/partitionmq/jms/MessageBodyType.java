package io.partitionmq.jms;

/** The JMS message types, as stored with each record so a consumer rebuilds the type that was sent. */
enum MessageBodyType {
    NONE, TEXT, BYTES, MAP, STREAM, OBJECT;

    PartitionMQMessage newMessage() {
        return switch (this) {
            case NONE -> new PartitionMQMessage();
            case TEXT -> new PartitionMQTextMessage();
            case BYTES -> new PartitionMQBytesMessage();
            case MAP -> new PartitionMQMapMessage();
            case STREAM -> new PartitionMQStreamMessage();
            case OBJECT -> new PartitionMQObjectMessage();
        };
    }
}
