package io.partitionmq.jms;

/** The JMS message types, as stored with each record so a consumer rebuilds the type that was sent. */
enum MessageBodyType {
    NONE, TEXT, BYTES;

    PartitionMQMessage newMessage() {
        return switch (this) {
            case NONE -> new PartitionMQMessage();
            case TEXT -> new PartitionMQTextMessage();
            case BYTES -> new PartitionMQBytesMessage();
        };
    }
}
