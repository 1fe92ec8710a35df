package io.partitionmq.jms;

import io.partitionmq.access.AccessDeniedException;
import io.partitionmq.access.Permission;
import io.partitionmq.cluster.BrokerConnection;
import io.partitionmq.group.Subscription;
import io.partitionmq.group.SubscriptionInUseException;
import io.partitionmq.group.Subscriptions;
import io.partitionmq.log.ProducerRecord;
import io.partitionmq.log.ShareGroups;
import io.partitionmq.log.TopicMetadata;
import io.partitionmq.selector.JmsSelectorFilter;
import io.partitionmq.transaction.TransactionIncompleteException;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A single-threaded context for producing and consuming. Asynchronous delivery to message listeners runs on one
 * thread per session, so listeners of one session never run concurrently (specification, 6.2.13).
 */
public class PartitionMQSession implements Session, QueueSession, TopicSession {
    private static final System.Logger LOG = System.getLogger(PartitionMQSession.class.getName());
    private static final ThreadLocal<PartitionMQSession> LISTENER_OF = new ThreadLocal<>();
    /** The session whose send completions the calling thread runs, if it does. */
    private static final ThreadLocal<PartitionMQSession> COMPLETIONS_OF = new ThreadLocal<>();
    /** Waits for data are bounded so that a lost watch event (e.g. a client reconnect) delays, never stalls. */
    private static final long MAX_WAIT_MILLIS = 1_000;
    /** Subscription ids (share groups): {@code <kind>:<client id, or empty>:<name>}. */
    private static final String SHARED_DURABLE_KIND = "shared-durable";
    private static final String SHARED_DURABLE = SHARED_DURABLE_KIND + ":";
    private static final String UNSHARED_DURABLE = "durable:";

    private final PartitionMQConnection connection;
    private final int mode;
    private final List<PartitionMQProducer> producers = new CopyOnWriteArrayList<>();
    private final List<PartitionMQConsumer> consumers = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private long signals;
    private final ReentrantLock delivering = new ReentrantLock();
    private final Map<String, Integer> partitions = new ConcurrentHashMap<>();
    private final SessionWork work = new SessionWork();
    /** The distributed transaction resource this session's work goes to, if any. */
    private volatile PartitionMQXAResource branch;
    private Thread dispatcher;
    private ExecutorService completions;
    private volatile boolean closed;

    PartitionMQSession(PartitionMQConnection connection, int mode) {
        this.connection = connection;
        this.mode = mode;
    }

    /** The destinations a session is for: a QueueSession's and a TopicSession's documentation list what each refuses. */
    private enum Domain { ALL, QUEUES, TOPICS }

    private Domain domain = Domain.ALL;

    /** This session as a QueueSession: from now on it refuses the methods only topics have. */
    public QueueSession asQueueSession() {
        domain = Domain.QUEUES;
        return this;
    }

    /** This session as a TopicSession: from now on it refuses the methods only queues have. */
    public TopicSession asTopicSession() {
        domain = Domain.TOPICS;
        return this;
    }

    private void requireDomain(Domain needed, String method) throws IllegalStateException {
        if (domain != Domain.ALL && domain != needed) {
            throw new IllegalStateException(method + " is not available on a "
                    + (domain == Domain.QUEUES ? "QueueSession" : "TopicSession"));
        }
    }

    PartitionMQConnection connection() {
        return connection;
    }

    BrokerConnection broker() {
        return connection.broker();
    }

    void requireOpen() throws IllegalStateException {
        if (closed || connection.isClosed()) {
            throw new IllegalStateException("the session is closed");
        }
    }

    /**
     * Throws if the calling thread runs a completion listener of {@code session} (or, with null, of any session
     * of {@code connection}): closing its own session, producer or connection or ending its transaction there
     * is refused by the specification (7.3.8), as it would wait for the very callback that asks.
     */
    static void requireNotInCompletionListener(PartitionMQSession session, PartitionMQConnection connection,
            String action) throws IllegalStateException {
        PartitionMQSession completing = COMPLETIONS_OF.get();
        if (completing != null && (completing == session || completing.connection == connection)) {
            throw new IllegalStateException("a completion listener must not " + action);
        }
    }

    /** Throws if the calling thread is running a listener, where {@code action} would deadlock. */
    static void requireNotInListener(String action) throws IllegalStateException {
        if (LISTENER_OF.get() != null) {
            throw new IllegalStateException("a message listener must not " + action);
        }
    }

    // Waiting for data.

    void wake() {
        synchronized (signal) {
            signals++;
            signal.notifyAll();
        }
    }

    long signalCount() {
        synchronized (signal) {
            return signals;
        }
    }

    /** Waits until woken after {@code seen}; returns false if the wait ended without a signal. */
    boolean awaitSignal(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(millis, MAX_WAIT_MILLIS));
        synchronized (signal) {
            while (signals == seen) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                signal.wait(left);
            }
            return true;
        }
    }

    boolean isClosed() {
        return closed || connection.isClosed();
    }

    // Listener delivery.

    synchronized void listenerSet() {
        if (dispatcher == null && !closed) {
            dispatcher = new Thread(this::dispatch, "partitionmq-session-dispatch");
            dispatcher.setDaemon(true);
            dispatcher.start();
        }
        wake();
    }

    private void dispatch() {
        while (!isClosed()) {
            long seen = signalCount();
            boolean delivered = false;
            for (PartitionMQConsumer consumer : consumers) {
                delivered |= deliverOne(consumer);
            }
            if (!delivered) {
                try {
                    if (!awaitSignal(seen, MAX_WAIT_MILLIS)) {
                        consumers.forEach(PartitionMQConsumer::refresh);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private boolean deliverOne(PartitionMQConsumer consumer) {
        MessageListener listener = consumer.listener();
        if (listener == null) {
            return false;
        }
        delivering.lock();
        try {
            // Checked again under the lock: a listener removed meanwhile has had its waits ended.
            if (!connection.isStarted() || isClosed() || consumer.listener() != listener) {
                return false;
            }
            PartitionMQConsumer.Received received = consumer.next(Long.MAX_VALUE);
            if (received == null) {
                return false;
            }
            // With CLIENT_ACKNOWLEDGE and in transactions the message is consumed once the listener has it, so that
            // acknowledge, recover, commit and rollback called by the listener include it; AUTO and DUPS_OK
            // acknowledge it when the listener returns, and deliver it again at once if the listener threw (8.7).
            boolean eachAcknowledged = acknowledgesEachDelivery();
            if (!eachAcknowledged) {
                work.delivered(consumer, received);
            }
            LISTENER_OF.set(this);
            boolean threw = true;
            try {
                listener.onMessage(received.message());
                threw = false;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "message listener threw on " + received.message().getJMSMessageID(), e);
            } finally {
                LISTENER_OF.remove();
            }
            if (eachAcknowledged && threw) {
                consumer.failed(received);
            } else if (eachAcknowledged) {
                consumer.processed(received);
            }
            return true;
        } catch (JMSException e) {
            connection.report(e);
            return false;
        } finally {
            delivering.unlock();
        }
    }

    /** Runs {@code task} while no listener of this session runs (or from the running listener itself). */
    void whileNoListenerRuns(Runnable task) {
        delivering.lock();
        try {
            task.run();
        } finally {
            delivering.unlock();
        }
    }

    /** Returns when no listener of this session is running. */
    void awaitListenerIdle() {
        if (!delivering.isHeldByCurrentThread()) {
            delivering.lock();
            delivering.unlock();
        }
    }

    synchronized ExecutorService completions() {
        if (completions == null) {
            completions = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(() -> {
                    COMPLETIONS_OF.set(this);
                    r.run();
                }, "partitionmq-send-completion");
                thread.setDaemon(true);
                return thread;
            });
        }
        return completions;
    }

    // Messages.

    @Override
    public Message createMessage() throws JMSException {
        requireOpen();
        return new PartitionMQMessage();
    }

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        requireOpen();
        return new PartitionMQBytesMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        requireOpen();
        return new PartitionMQTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        TextMessage message = createTextMessage();
        message.setText(text);
        return message;
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        requireOpen();
        return new PartitionMQMapMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        requireOpen();
        return new PartitionMQObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        ObjectMessage message = createObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        requireOpen();
        return new PartitionMQStreamMessage();
    }

    // Destinations.

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        requireOpen();
        requireDomain(Domain.QUEUES, "createQueue");
        PartitionMQQueue queue = new PartitionMQQueue(queueName);
        queue.logTopic();
        return queue;
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        requireOpen();
        requireDomain(Domain.TOPICS, "createTopic");
        PartitionMQTopic topic = new PartitionMQTopic(topicName);
        topic.logTopic();
        return topic;
    }

    /**
     * The log topic behind a destination, created on first use if the user may create it; a temporary destination
     * is never created again once deleted.
     */
    TopicMetadata topicOf(PartitionMQDestination destination) throws JMSException {
        String name = destination.logTopic();
        try {
            if (TemporaryDestinations.isTemporary(name)) {
                return broker().logs().findTopic(name).orElseThrow(() -> new InvalidDestinationException(
                        "the temporary destination " + name + " has been deleted"));
            }
            if (!connection.access().permits(Permission.CREATE, name)) {
                Optional<TopicMetadata> existing = broker().logs().findTopic(name);
                if (existing.isEmpty()) {
                    require(Permission.CREATE, destination);
                }
                return existing.get();
            }
            return broker().logs().topic(name);
        } catch (RuntimeException e) {
            throw JmsErrors.translate(e, "looking up " + destination);
        }
    }

    /**
     * The partition this session appends to for a topic, chosen at random on first use and kept, so that the
     * session's messages stay in order while different sessions spread over the partitions.
     */
    int partitionFor(TopicMetadata topic) {
        return partitions.computeIfAbsent(topic.name(), name -> ThreadLocalRandom.current().nextInt(topic.partitions()));
    }

    /** Refuses what the brokers do not allow this connection's user (README, "Authorization"). */
    void require(Permission permission, PartitionMQDestination destination) throws JMSException {
        try {
            connection.access().require(permission, destination.logTopic());
        } catch (AccessDeniedException e) {
            JMSSecurityException refused = new JMSSecurityException(e.getMessage());
            refused.initCause(e);
            throw refused;
        }
    }

    static PartitionMQDestination requireDestination(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("the destination must not be null");
        }
        return MessageCodec.toOwn(destination);
    }

    // Producers and consumers.

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        requireOpen();
        PartitionMQDestination target = null;
        if (destination != null) {
            target = MessageCodec.toOwn(destination);
            require(Permission.SEND, target);
            topicOf(target);
        }
        PartitionMQProducer producer = new PartitionMQProducer(this, target);
        producers.add(producer);
        return producer;
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        requireOpen();
        PartitionMQDestination source = requireDestination(destination);
        // A queue's consumers share the group named after the queue; noLocal means nothing for a queue.
        return consumer(source, messageSelector, noLocal && !source.isQueue(), source.isQueue() ? source.getName()
                : null, ShareGroups.Settings.DEFAULTS, () -> { });
    }

    /**
     * PartitionMQ's own, for the resource adapter: a consumer of a queue, or (for a topic) of the subscription
     * {@code subscriptionName} (shared, or this client id's own if {@code shared} is false; durable or not), with
     * the share group settings the adapter's activation asks for: how often a message may be delivered before it
     * is dead-lettered, and whether each partition hands out one message at a time (the next only once that one
     * is acknowledged), so that however many such consumers there are, each partition's messages (each
     * JMSXGroupID's) are processed in order while the partitions run in parallel.
     */
    public MessageConsumer createAdapterConsumer(Destination destination, String subscriptionName, boolean shared,
            boolean durable, String messageSelector, ShareGroups.Settings settings) throws JMSException {
        requireOpen();
        PartitionMQDestination source = requireDestination(destination);
        if (source.isQueue()) {
            return consumer(source, messageSelector, false, source.getName(), settings, () -> { });
        }
        if (subscriptionName == null || subscriptionName.isBlank()) {
            throw new InvalidDestinationException("a topic's consumer needs a subscription name");
        }
        String id = shared ? sharedId(durable ? SHARED_DURABLE_KIND : "shared", subscriptionName)
                : durableId(subscriptionName);
        return subscribe((Topic) source, id, messageSelector, false, shared, durable, settings);
    }

    /**
     * A consumer of {@code source}: of the share group {@code group}, or, for null, a private cursor over a
     * topic from its end; {@code onClose} runs once it has closed.
     */
    private PartitionMQConsumer consumer(PartitionMQDestination source, String messageSelector, boolean noLocal,
            String group, ShareGroups.Settings settings, Runnable onClose) throws JMSException {
        if (TemporaryDestinations.isTemporary(source.getName()) && !connection.temporaries().owns(source.getName())) {
            throw TemporaryDestinations.notOwner(source);
        }
        require(Permission.CONSUME, source);
        JmsSelectorFilter filter = selectorFilter(messageSelector);
        TopicMetadata topic = topicOf(source);
        RecordSource records;
        try {
            records = group != null
                    ? new ShareGroupSource(broker(), topic, group, settings, filter, this::wake)
                    : new SubscriberCursor(broker().logs(), topic, filter, this::wake);
        } catch (RuntimeException e) {
            throw JmsErrors.translate(e, "subscribing to " + source);
        }
        PartitionMQConsumer consumer = new PartitionMQConsumer(this, source, filter == null ? null : messageSelector,
                noLocal, group, records, onClose);
        consumers.add(consumer);
        return consumer;
    }

    /** Opens (or joins) a named subscription and returns a consumer of it. */
    private PartitionMQConsumer subscribe(Topic topic, String id, String messageSelector, boolean noLocal,
            boolean shared, boolean durable) throws JMSException {
        return subscribe(topic, id, messageSelector, noLocal, shared, durable, ShareGroups.Settings.DEFAULTS);
    }

    private PartitionMQConsumer subscribe(Topic topic, String id, String messageSelector, boolean noLocal,
            boolean shared, boolean durable, ShareGroups.Settings settings) throws JMSException {
        requireOpen();
        PartitionMQDestination source = requireDestination(topic);
        if (durable && TemporaryDestinations.isTemporary(source.getName())) {
            throw new InvalidDestinationException("a durable subscription needs a topic that is not temporary; "
                    + source + " ends with its connection");
        }
        require(Permission.CONSUME, source);
        selectorFilter(messageSelector);
        String selector = messageSelector == null || messageSelector.isBlank() ? null : messageSelector;
        // Client ids are unique in the cluster, so an unshared durable subscription is this connection's alone.
        if (!shared && connection.hasActiveConsumer(id)) {
            throw new IllegalStateException("the durable subscription " + id + " already has an active consumer");
        }
        if (durable) {
            requireNoDurableOfTheOtherKind(id);
        }
        Subscription subscription = new Subscription(id, source.logTopic(), selector, noLocal, shared, durable);
        // A shared subscription's consumers are counted cluster-wide: it cannot change under them. Each renews
        // its place while it is open, so that the consumers of a process that dies stop counting.
        String consumer = UUID.randomUUID().toString();
        try {
            if (shared) {
                broker().subscriptions().attach(subscription, consumer);
            } else {
                broker().subscriptions().open(subscription);
            }
        } catch (RuntimeException e) {
            throw JmsErrors.translate(e, "subscribing to " + source);
        }
        AutoCloseable renewal = shared
                ? connection.keepRenewed(() -> broker().subscriptions().renew(id, consumer)) : () -> { };
        Runnable detach = shared ? () -> detach(id, consumer, renewal) : () -> { };
        try {
            return consumer(source, selector, noLocal, id, settings, detach);
        } catch (JMSException | RuntimeException e) {
            detach.run();
            throw e;
        }
    }

    /** A consumer of a shared subscription closed: the last one of a non-durable one takes it with it. */
    private void detach(String id, String consumer, AutoCloseable renewal) {
        try {
            renewal.close();
            broker().subscriptions().detach(id, consumer);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not release the shared subscription " + id
                    + "; its consumer stops counting within " + Subscriptions.CONSUMER_TTL.toSeconds() + " s", e);
        }
    }

    /**
     * A shared and an unshared durable subscription may not have the same name and client id (specification
     * 6.11.2 and 6.11.4): refuses to open one while the other exists.
     */
    private void requireNoDurableOfTheOtherKind(String id) throws JMSException {
        String other;
        if (id.startsWith(UNSHARED_DURABLE)) {
            other = SHARED_DURABLE + id.substring(UNSHARED_DURABLE.length());
        } else if (id.startsWith(SHARED_DURABLE) && connection.getClientID() != null) {
            other = UNSHARED_DURABLE + id.substring(SHARED_DURABLE.length());
        } else {
            return;
        }
        boolean exists;
        try {
            exists = broker().subscriptions().find(other).isPresent();
        } catch (RuntimeException e) {
            throw JmsErrors.translate(e, "looking up durable subscription " + other);
        }
        if (exists) {
            // After "<kind>:<client id>:", which a client id holding ':' would make ambiguous to split.
            String kind = id.startsWith(SHARED_DURABLE) ? SHARED_DURABLE : UNSHARED_DURABLE;
            String name = id.substring(kind.length() + connection.getClientID().length() + 1);
            throw new JMSException("client id '" + connection.getClientID() + "' has "
                    + (id.startsWith(SHARED_DURABLE) ? "an unshared" : "a shared") + " durable subscription named '"
                    + name + "'; a shared and an unshared durable subscription cannot have the same name"
                    + " (unsubscribe the other first)");
        }
    }

    private String durableId(String name) throws JMSException {
        String clientId = connection.getClientID();
        if (clientId == null) {
            throw new IllegalStateException("an unshared durable subscription needs the connection's client id;"
                    + " set it with setClientID first");
        }
        return UNSHARED_DURABLE + clientId + ":" + requireName(name);
    }

    private String sharedId(String kind, String name) throws JMSException {
        String clientId = connection.getClientID();
        return kind + ":" + (clientId == null ? "" : clientId) + ":" + requireName(name);
    }

    private static String requireName(String name) throws JMSException {
        if (name == null || name.isBlank()) {
            throw new InvalidDestinationException("a subscription needs a name");
        }
        return name;
    }

    /** The filter for a message selector; none for a null or empty selector (specification, 3.8.1). */
    private static JmsSelectorFilter selectorFilter(String messageSelector) throws InvalidSelectorException {
        if (messageSelector == null || messageSelector.isBlank()) {
            return null;
        }
        try {
            return new JmsSelectorFilter(messageSelector);
        } catch (io.partitionmq.selector.InvalidSelectorException e) {
            InvalidSelectorException invalid = new InvalidSelectorException(e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    boolean hasConsumerOn(PartitionMQDestination destination) {
        return consumers.stream().anyMatch(consumer -> consumer.isOn(destination));
    }

    boolean hasConsumerOf(String group) {
        return consumers.stream().anyMatch(consumer -> group.equals(consumer.group()));
    }

    void removed(PartitionMQConsumer consumer) {
        consumers.remove(consumer);
    }

    void removed(PartitionMQProducer producer) {
        producers.remove(producer);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, messageSelector);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal)
            throws JMSException {
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        requireDomain(Domain.TOPICS, "createSharedConsumer");
        return subscribe(topic, sharedId("shared", sharedSubscriptionName), messageSelector, false, true, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector,
            boolean noLocal) throws JMSException {
        requireDomain(Domain.TOPICS, "createDurableSubscriber");
        return subscribe(topic, durableId(name), messageSelector, noLocal, false, true);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return createDurableSubscriber(topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        requireDomain(Domain.TOPICS, "createSharedDurableConsumer");
        return subscribe(topic, sharedId(SHARED_DURABLE_KIND, name), messageSelector, false, true, true);
    }

    /**
     * Deletes a durable subscription of this client: an unshared one if it exists, else a shared one. Refused
     * while a consumer is open on it: of this connection for an unshared one (its client id is unique in the
     * cluster), of any connection in the cluster for a shared one.
     */
    @Override
    public void unsubscribe(String name) throws JMSException {
        requireOpen();
        requireDomain(Domain.TOPICS, "unsubscribe");
        String clientId = connection.getClientID();
        for (String id : clientId == null ? java.util.List.of(sharedId(SHARED_DURABLE_KIND, name))
                : java.util.List.of(durableId(name), sharedId(SHARED_DURABLE_KIND, name))) {
            if (connection.hasActiveConsumer(id)) {
                throw new IllegalStateException("the subscription " + name + " has an active consumer; close it"
                        + " before unsubscribing");
            }
            try {
                if (broker().subscriptions().unsubscribe(id)) {
                    return;
                }
            } catch (SubscriptionInUseException e) {
                IllegalStateException inUse = new IllegalStateException(e.getMessage());
                inUse.setLinkedException(e);
                throw inUse;
            } catch (RuntimeException e) {
                throw JmsErrors.translate(e, "unsubscribing " + name);
            }
        }
        throw new InvalidDestinationException("there is no durable subscription named '" + name + "'");
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        requireOpen();
        requireDomain(Domain.QUEUES, "createBrowser");
        PartitionMQDestination source = requireDestination(queue);
        if (!(source instanceof PartitionMQQueue own)) {
            throw new InvalidDestinationException(source + " is not a queue");
        }
        require(Permission.BROWSE, own);
        JmsSelectorFilter filter = selectorFilter(messageSelector);
        topicOf(own);
        return new PartitionMQQueueBrowser(this, own, filter == null ? null : messageSelector, filter);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        requireOpen();
        requireDomain(Domain.QUEUES, "createTemporaryQueue");
        TemporaryDestinations temporaries = connection.temporaries();
        PartitionMQTemporaryQueue queue = new PartitionMQTemporaryQueue(temporaries.create(), temporaries);
        temporaries.register(queue);
        return queue;
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        requireOpen();
        requireDomain(Domain.TOPICS, "createTemporaryTopic");
        TemporaryDestinations temporaries = connection.temporaries();
        PartitionMQTemporaryTopic topic = new PartitionMQTemporaryTopic(temporaries.create(), temporaries);
        temporaries.register(topic);
        return topic;
    }

    // Acknowledgement and transactions.

    @Override
    public boolean getTransacted() throws JMSException {
        requireOpen();
        return mode == Session.SESSION_TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        requireOpen();
        return mode;
    }

    boolean isTransacted() {
        return mode == Session.SESSION_TRANSACTED;
    }

    boolean acknowledgesEachDelivery() {
        return mode == Session.AUTO_ACKNOWLEDGE || mode == Session.DUPS_OK_ACKNOWLEDGE;
    }

    /** A message reached the application; AUTO and DUPS_OK acknowledge it now, the other modes later. */
    void delivered(PartitionMQConsumer consumer, PartitionMQConsumer.Received received) throws JMSException {
        if (acknowledgesEachDelivery()) {
            consumer.processed(received);
        } else {
            work.delivered(consumer, received);
        }
    }

    /** A transacted session's send: appended at commit. */
    void stage(TopicMetadata topic, int partition, ProducerRecord record) {
        work.staged(topic, partition, record);
    }

    /** What {@link Message#acknowledge()} does: in CLIENT_ACKNOWLEDGE mode, every message the session consumed. */
    void acknowledge() throws JMSException {
        requireOpen();
        if (mode == Session.CLIENT_ACKNOWLEDGE) {
            work.acceptDelivered();
        }
    }

    /**
     * Appends the messages sent in the transaction (each partition's as one batch) and acknowledges those
     * received, atomically (see {@link io.partitionmq.transaction.Transactions}). If the commit fails before its
     * decision is recorded, the received messages are given back and the transaction is rolled back.
     */
    @Override
    public void commit() throws JMSException {
        requireOpen();
        requireNotInCompletionListener(this, null, "commit its own session");
        if (!isTransacted()) {
            throw new IllegalStateException("commit() is only for transacted sessions");
        }
        if (branch != null) {
            throw new TransactionInProgressException("this session takes part in a distributed transaction;"
                    + " its transaction manager commits it");
        }
        commit(work.take(), connection.ownerLease());
    }

    /** Commits work taken from sessions in one phase, or rolls it back if the commit cannot be decided. */
    static void commit(SessionWork.Pending pending, BrokerConnection broker, String ownerLease)
            throws JMSException {
        try {
            broker.transactions().commit(pending.work(broker.batches()), ownerLease);
        } catch (TransactionIncompleteException e) {
            pending.committed();
            throw JmsErrors.translate(e, "committing");
        } catch (RuntimeException e) {
            pending.rollBack();
            TransactionRolledBackException rolledBack = new TransactionRolledBackException(
                    "the transaction was rolled back: " + e.getMessage());
            rolledBack.setLinkedException(e);
            throw rolledBack;
        }
        pending.committed();
    }

    private void commit(SessionWork.Pending pending, String ownerLease) throws JMSException {
        try {
            commit(pending, broker(), ownerLease);
        } catch (TransactionRolledBackException e) {
            consumers.forEach(PartitionMQConsumer::returnUndelivered);
            throw e;
        }
    }

    /** Drops the messages sent in the transaction and delivers the received ones again. */
    @Override
    public void rollback() throws JMSException {
        requireOpen();
        requireNotInCompletionListener(this, null, "roll back its own session");
        if (!isTransacted()) {
            throw new IllegalStateException("rollback() is only for transacted sessions");
        }
        if (branch != null) {
            throw new TransactionInProgressException("this session takes part in a distributed transaction;"
                    + " its transaction manager rolls it back");
        }
        redeliverUnacknowledged();
    }

    private void redeliverUnacknowledged() {
        work.discard();
        consumers.forEach(PartitionMQConsumer::returnUndelivered);
    }

    /**
     * Makes this (transacted) session's work part of a distributed transaction's branches: the branch takes it
     * when the transaction manager ends its association, or when the session closes first.
     */
    void joinBranch(PartitionMQXAResource resource) {
        this.branch = resource;
    }

    /** What the session did since its work was last taken; for its branch. */
    SessionWork.Pending takeWork() {
        return work.take();
    }

    /**
     * Delivers again, oldest first, the messages consumed but not acknowledged. In AUTO and DUPS_OK mode every
     * delivered message is acknowledged already, so nothing is.
     */
    @Override
    public void recover() throws JMSException {
        requireOpen();
        if (isTransacted()) {
            throw new IllegalStateException("recover() is not for transacted sessions; use rollback()");
        }
        redeliverUnacknowledged();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        requireOpen();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        requireOpen();
        throw JmsErrors.unsupported("a session-level message listener (an optional facility)");
    }

    @Override
    public void run() {
        LOG.log(Level.WARNING, "Session.run() is for application server facilities PartitionMQ does not offer");
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (LISTENER_OF.get() == this) {
            throw new IllegalStateException("a message listener must not close its own session");
        }
        requireNotInCompletionListener(this, null, "close its own session");
        closed = true;
        wake();
        awaitListenerIdle();
        // Closing rolls back a transaction, and gives back what was consumed but not acknowledged; in a
        // distributed transaction, the work stays with its branch until the transaction manager decides.
        if (branch != null) {
            branch.adopt(work.take());
            branch.forget(this);
        } else {
            work.discard();
        }
        for (PartitionMQConsumer consumer : consumers) {
            consumer.close();
        }
        for (PartitionMQProducer producer : producers) {
            producer.close();
        }
        Thread running;
        ExecutorService pendingCompletions;
        synchronized (this) {
            running = dispatcher;
            pendingCompletions = completions;
        }
        if (pendingCompletions != null) {
            pendingCompletions.shutdown();
            try {
                pendingCompletions.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connection.removed(this);
    }
}
