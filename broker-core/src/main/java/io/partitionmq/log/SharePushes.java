package io.partitionmq.log;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The receiving end of {@link SharePush}es for one connection: a Hazelcast topic of its own, which partition
 * leaders (or their first backups) publish to, dispatched to the waiting consumers by id. Records pushed to a
 * consumer that has gone meanwhile are given back at once instead of staying locked until their lock expires.
 */
public final class SharePushes implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SharePushes.class.getName());
    /** The prefix of the push topics' names; the brokers keep no statistics for them. */
    public static final String TOPIC_PREFIX = "partitionmq.push.";

    /** Remote calls must not run on Hazelcast's event threads, where pushes arrive. */
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "partitionmq-push");
        thread.setDaemon(true);
        return thread;
    });

    private final ShareGroups shares;
    private final ITopic<SharePush> topic;
    private final UUID registration;
    private final Map<String, Consumer<PushedRecords>> receivers = new ConcurrentHashMap<>();

    SharePushes(HazelcastInstance hazelcast, ShareGroups shares) {
        this.shares = shares;
        this.topic = hazelcast.getTopic(TOPIC_PREFIX + UUID.randomUUID());
        this.registration = topic.addMessageListener(this::received);
    }

    /** Where leaders push this connection's records: what a waiting acquisition names. */
    String address() {
        return topic.getName();
    }

    /** Hands the pushes to {@code consumer} to {@code receiver}, on an event thread, until unregistered. */
    void register(String consumer, Consumer<PushedRecords> receiver) {
        receivers.put(consumer, receiver);
    }

    /** Pushes to {@code consumer} that arrive from now on are given back to its group. */
    void unregister(String consumer) {
        receivers.remove(consumer);
    }

    private void received(Message<SharePush> message) {
        SharePush push = message.getMessageObject();
        if (!push.deadLettered().isEmpty()) {
            CALLS.execute(() -> shares.deadLetter(push));
        }
        Consumer<PushedRecords> receiver = receivers.get(push.consumer());
        if (receiver != null) {
            receiver.accept(new PushedRecords(push.topic(), push.partition(), push.group(), push.consumer(),
                    push.acquired(), push.waitEnded()));
        } else if (!push.acquired().isEmpty()) {
            CALLS.execute(() -> giveBack(push));
        }
    }

    private void giveBack(SharePush push) {
        List<ShareRecord> records = push.acquired();
        long[] offsets = records.stream().mapToLong(record -> record.record().offset()).toArray();
        try {
            shares.acknowledge(push.topic(), push.partition(), push.group(), push.consumer(), offsets,
                    AcknowledgeType.RETURN, ShareGroups.Settings.DEFAULTS);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "giving back " + offsets.length + " records of " + push.topic() + "/"
                    + push.partition() + " pushed to a closed consumer failed; they come back when their lock"
                    + " expires", e);
        }
    }

    @Override
    public void close() {
        remove(topic, registration);
    }

    /** Stops listening on a connection's push topic and destroys it. */
    static void remove(ITopic<?> topic, UUID registration) {
        try {
            topic.removeMessageListener(registration);
            topic.destroy();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "removing the push topic " + topic.getName() + " failed", e);
        }
    }
}
