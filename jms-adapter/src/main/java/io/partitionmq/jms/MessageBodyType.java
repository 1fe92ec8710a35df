package io.partitionmq.jms;

/** The JMS message types, as stored with each record so a consumer rebuilds the type that was sent. */
enum MessageBodyType {
    NONE("Message"), TEXT("TextMessage"), BYTES("BytesMessage"), MAP("MapMessage"), STREAM("StreamMessage"),
    OBJECT("ObjectMessage");

    private final String interfaceName;

    MessageBodyType(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    /** The JMS interface of messages of this type, as operators know them. */
    String interfaceName() {
        return interfaceName;
    }

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
