package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The receiving end of {@link ReadPush}es for one connection: a Hazelcast topic of its own, which partition
 * leaders (or their first backups) publish to, dispatched to the waiting readers by id. A push to a reader that
 * has gone is dropped: a read holds nothing.
 */
final class ReadPushes implements AutoCloseable {
    private final ITopic<ReadPush> topic;
    private final UUID registration;
    private final Map<String, Consumer<PushedRead>> receivers = new ConcurrentHashMap<>();

    ReadPushes(HazelcastInstance hazelcast) {
        this.topic = hazelcast.getTopic(SharePushes.TOPIC_PREFIX + UUID.randomUUID());
        this.registration = topic.addMessageListener(this::received);
    }

    /** Where leaders push this connection's reads: what a waiting read names. */
    String address() {
        return topic.getName();
    }

    AutoCloseable register(String reader, Consumer<PushedRead> receiver) {
        receivers.put(reader, receiver);
        return () -> receivers.remove(reader, receiver);
    }

    private void received(Message<ReadPush> message) {
        ReadPush push = message.getMessageObject();
        Consumer<PushedRead> receiver = receivers.get(push.reader());
        if (receiver != null) {
            receiver.accept(push.toPushedRead());
        }
    }

    @Override
    public void close() {
        SharePushes.remove(topic, registration);
    }
}
