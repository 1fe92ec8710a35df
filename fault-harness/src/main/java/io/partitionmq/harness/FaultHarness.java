package io.partitionmq.harness;

import io.partitionmq.jms.PartitionMQConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A failure test with real processes: starts three brokers (bin/partitionmq-broker, split-brain protection at 2),
 * sends numbered persistent messages at a steady rate to a queue and to a topic with a shared durable
 * subscription ({@link Workload}), each with one consumer, kills one broker with SIGKILL part-way, and checks each
 * history: every acknowledged message consumed, duplicates counted, order per key (a key is a partition) kept
 * for messages delivered the first time. Exits 1 if a message was lost or order broken. Everything it starts it
 * stops.
 *
 * <p>Options: {@code --scenario kill-one|restart-all|scale|split} (kill-one: one broker killed under load;
 * restart-all: all killed once half the messages are consumed, then started again; scale: a fourth broker joins
 * under load, then the first is stopped gracefully; split: one broker cut off from the others by the network,
 * then healed), {@code --messages N} (default 3000),
 * {@code --rate N} per second (300), {@code --kill B} (kill-one: index of the broker killed, 1; -1 for none),
 * {@code --dir PATH} (where data and logs go; a fresh temporary one by default).
 */
public final class FaultHarness {
    private static final int KEYS = 12;
    private static final String CLUSTER = "harness";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SPLIT = Duration.ofSeconds(30);

    private FaultHarness() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int messages = Integer.parseInt(options.getOrDefault("messages", "3000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "300"));
        int killed = Integer.parseInt(options.getOrDefault("kill", "1"));
        Path dir = options.containsKey("dir") ? Path.of(options.get("dir"))
                : Files.createTempDirectory("partitionmq-harness");
        Path repository = Path.of(System.getProperty("harness.repository", ".")).toAbsolutePath();

        String scenario = options.getOrDefault("scenario", "kill-one");
        if (!List.of("kill-one", "restart-all", "scale", "split").contains(scenario)) {
            throw new IllegalArgumentException("--scenario is kill-one, restart-all, scale or split, not " + scenario);
        }
        NetworkLab lab = scenario.equals("split") ? NetworkLab.create(3) : null;
        List<BrokerProcess> all = brokers(repository, dir, lab == null ? 1 : 0, lab != null);
        List<BrokerProcess> brokers = all.subList(0, 3);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            all.forEach(BrokerProcess::kill);
            if (lab != null) {
                lab.close();
            }
        }));
        try {
            System.out.printf("starting %d brokers (data and logs under %s) ...%n", brokers.size(), dir);
            startAll(brokers);
            // In a split the workload's client bootstraps from the majority side, whose view of the cluster it
            // then follows; a second client knows only the broker that is cut off.
            PartitionMQConnectionFactory factory = factory(lab == null ? brokers : brokers.subList(1, 3));
            Workload workload = Workload.create(factory);
            MinorityProbe probe = lab == null ? null
                    : new MinorityProbe(factory(brokers.subList(0, 1)), workload.queueHistory());
            Recovery recovery = switch (scenario) {
                case "kill-one" -> killOne(factory, workload, messages, rate,
                        killed < 0 ? null : brokers.get(killed));
                case "restart-all" -> restartAll(factory, workload, messages, rate, brokers);
                case "scale" -> scale(factory, workload, messages, rate, brokers, all.get(3));
                default -> split(factory, workload, messages, rate, lab, brokers.get(0), probe);
            };
            System.out.printf("%nfault:                    %s%n", switch (scenario) {
                case "restart-all" -> "all, then restarted";
                case "scale" -> all.get(3).id() + " added, " + brokers.get(0).id() + " stopped gracefully";
                case "split" -> brokers.get(0).id() + " cut off from the others for " + SPLIT.toSeconds()
                        + " s, then healed";
                default -> killed < 0 ? "none" : brokers.get(killed).id() + " (SIGKILL)";
            });
            System.out.printf("longest pause after the fault: sends %d ms, deliveries %d ms%n",
                    recovery.sendGapMillis(), recovery.deliveryGapMillis());
            boolean passed = true;
            for (Workload.Stream stream : workload.streams()) {
                History.Verdict verdict = stream.history().check();
                report(stream.label(), verdict);
                passed &= verdict.passed();
            }
            System.out.println(passed ? "PASSED" : "FAILED");
            boolean minorityRefused = probe == null || probe.report();
            System.exit(passed && minorityRefused ? 0 : 1);
        } catch (Exception | Error e) {
            System.out.println("the harness could not run: " + e);
            System.exit(2);
        } finally {
            all.forEach(BrokerProcess::kill);
            if (lab != null) {
                lab.close();
            }
        }
    }

    private static PartitionMQConnectionFactory factory(List<BrokerProcess> bootstrap) {
        PartitionMQConnectionFactory factory = new PartitionMQConnectionFactory(
                bootstrap.stream().map(BrokerProcess::address).collect(Collectors.joining(",")));
        factory.setClusterName(CLUSTER);
        return factory;
    }

    /** The longest time without a successful send, and without a delivery, after the fault. */
    private record Recovery(long sendGapMillis, long deliveryGapMillis) {
    }

    /** Kills {@code victim} (if any) a third of the way through a steady load. */
    private static Recovery killOne(PartitionMQConnectionFactory factory, Workload workload, int messages,
            int rate, BrokerProcess victim) throws Exception {
        workload.startReceivers();
        long sendGap = sendAll(factory, workload, messages, rate, victim == null ? Map.of() : Map.of(messages / 3,
                () -> {
                    System.out.printf("killing broker %s (SIGKILL) after %d messages%n", victim.id(), messages / 3);
                    workload.measureFrom(System.nanoTime());
                    victim.kill();
                }));
        workload.awaitAllDelivered(DRAIN_TIMEOUT.toNanos());
        workload.stopReceivers();
        return new Recovery(sendGap, workload.longestPauseMillis());
    }

    /**
     * Cuts {@code isolated} off from the other two brokers a third of the way through (packets between the sides
     * vanish), for {@link #SPLIT}, then heals the network. The workload runs through the majority side; the
     * probe keeps trying to send through the broker cut off, which must refuse once it has noticed the split,
     * and accept again once it has merged back.
     */
    private static Recovery split(PartitionMQConnectionFactory factory, Workload workload, int messages, int rate,
            NetworkLab lab, BrokerProcess isolated, MinorityProbe probe) throws Exception {
        return underLoad(factory, workload, messages, rate, () -> {
            System.out.printf("cutting broker %s off from the others (network split, 1 vs 2)%n", isolated.id());
            workload.measureFrom(System.nanoTime());
            probe.connectBeforeTheSplit();
            lab.isolate(1);
            probe.start();
            TimeUnit.MILLISECONDS.sleep(SPLIT.toMillis());
            System.out.println("healing the network");
            probe.healed();
            lab.heal();
            probe.awaitAcceptedAfterHeal(DRAIN_TIMEOUT);
        });
    }

    /**
     * Scales out and in under load: a fourth broker starts a third of the way through, and once it has joined
     * (partitions move to it) the first is stopped gracefully (its partitions move to the others), while the
     * producer and the consumer carry on.
     */
    private static Recovery scale(PartitionMQConnectionFactory factory, Workload workload, int messages, int rate,
            List<BrokerProcess> brokers, BrokerProcess added) throws Exception {
        Recovery recovery = underLoad(factory, workload, messages, rate, () -> {
            System.out.printf("starting broker %s under load%n", added.id());
            added.start();
            added.awaitReady(START_TIMEOUT);
            System.out.printf("broker %s joined; stopping broker %s gracefully%n", added.id(), brokers.get(0).id());
            workload.measureFrom(System.nanoTime());
            brokers.get(0).stop(Duration.ofMinutes(2));
            System.out.printf("broker %s stopped%n", brokers.get(0).id());
        });
        added.kill();
        return recovery;
    }

    /** What the operator does to the brokers, on its own thread, while the load goes on. */
    private interface Fault {
        void inject() throws IOException, InterruptedException, JMSException;
    }

    /**
     * Sends every message while a consumer receives them; a third of the way through, the fault runs on an
     * operator thread. Returns once the fault is over and everything acknowledged was delivered (or the drain
     * timed out).
     */
    private static Recovery underLoad(PartitionMQConnectionFactory factory, Workload workload, int messages,
            int rate, Fault fault) throws Exception {
        workload.startReceivers();
        Thread operator = new Thread(() -> {
            try {
                fault.inject();
            } catch (IOException | InterruptedException | JMSException e) {
                System.out.println("the fault could not be injected: " + e);
            }
        }, "harness-operator");
        long sendGap = sendAll(factory, workload, messages, rate, Map.of(messages / 3, operator::start));
        operator.join();
        workload.awaitAllDelivered(DRAIN_TIMEOUT.toNanos());
        workload.stopReceivers();
        return new Recovery(sendGap, workload.longestPauseMillis());
    }

    /**
     * Sends every message, lets the consumer take half of them, kills all brokers at once (SIGKILL), starts them
     * again over their data directories and consumes the rest: what was acknowledged and not consumed must come,
     * what was consumed must not come again (beyond the acknowledgements in flight at the kill).
     */
    private static Recovery restartAll(PartitionMQConnectionFactory factory, Workload workload, int messages,
            int rate, List<BrokerProcess> brokers) throws Exception {
        sendAll(factory, workload, messages, rate, Map.of());
        workload.startReceivers();
        History queue = workload.queueHistory();
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (queue.distinctDelivered() < messages / 2 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        long killedAt = System.nanoTime();
        System.out.printf("killing all brokers (SIGKILL) after %d messages of the queue were consumed%n",
                queue.distinctDelivered());
        brokers.forEach(BrokerProcess::kill);
        workload.stopReceivers();
        startAll(brokers);
        workload.startReceivers();
        workload.measureFrom(killedAt);
        workload.awaitAllDelivered(DRAIN_TIMEOUT.toNanos());
        workload.stopReceivers();
        return new Recovery(0, workload.longestPauseMillis());
    }

    /**
     * Sends the numbered messages at {@code rate}, running each fault before the message it is keyed by; returns
     * the longest pause between acknowledged sends after the first fault, in milliseconds.
     */
    private static long sendAll(PartitionMQConnectionFactory factory, Workload workload, int messages, int rate,
            Map<Integer, Runnable> faults) throws Exception {
        long gap = 0;
        long faultedAt = Long.MAX_VALUE;
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long start = System.nanoTime();
            long lastSend = start;
            for (int sequence = 0; sequence < messages; sequence++) {
                pace(start, sequence, rate);
                Runnable fault = faults.get(sequence);
                if (fault != null) {
                    faultedAt = Math.min(faultedAt, System.nanoTime());
                    fault.run();
                }
                for (Workload.Stream stream : workload.streams()) {
                    send(session, producer, stream, sequence);
                }
                long now = System.nanoTime();
                if (now > faultedAt) {
                    gap = Math.max(gap, now - lastSend);
                }
                lastSend = now;
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(gap);
    }

    /** Sends one message until a broker acknowledges it, as an at-least-once producer does. */
    private static void send(Session session, MessageProducer producer, Workload.Stream stream, int sequence)
            throws Exception {
        History history = stream.history();
        while (true) {
            history.attempted();
            try {
                TextMessage message = session.createTextMessage("message " + sequence);
                message.setIntProperty("seq", sequence);
                message.setStringProperty("JMSXGroupID", "key-" + sequence % KEYS);
                producer.send(stream.destination(), message);
                history.acknowledged(sequence);
                return;
            } catch (JMSException e) {
                history.failed();
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static void startAll(List<BrokerProcess> brokers) throws IOException, InterruptedException {
        for (BrokerProcess broker : brokers) {
            broker.start();
        }
        for (BrokerProcess broker : brokers) {
            broker.awaitReady(START_TIMEOUT);
        }
    }

    private static void pace(long start, int sequence, int rate) throws InterruptedException {
        long due = start + TimeUnit.SECONDS.toNanos(sequence) / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * Three founding brokers (each lists the three; writes need two) and {@code spares} more that join them when
     * started; on this machine's loopback, or each in its own network namespace ({@link NetworkLab}), where they
     * notice an unreachable member after 10 s and merge 5-10 s after a split heals (Hazelcast's defaults are 60 s
     * and 2-5 minutes).
     */
    private static List<BrokerProcess> brokers(Path repository, Path dir, int spares, boolean namespaces)
            throws IOException {
        int founders = 3;
        int count = founders + spares;
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(namespaces ? NetworkLab.address(i + 1) : "127.0.0.1");
        }
        Map<String, String> cluster = new java.util.HashMap<>(Map.of(
                "PARTITIONMQ_CLUSTER_NAME", CLUSTER,
                "PARTITIONMQ_CLUSTER_MEMBERS", IntStream.range(0, founders).mapToObj(i -> hosts.get(i) + ":"
                        + (5821 + i)).collect(Collectors.joining(",")),
                "PARTITIONMQ_CLUSTER_MIN_SIZE", Integer.toString(founders / 2 + 1),
                "PARTITIONMQ_STORE_FLUSH", "always"));
        if (namespaces) {
            cluster.put("PARTITIONMQ_JAVA_OPTS", "-Dhazelcast.heartbeat.interval.seconds=1"
                    + " -Dhazelcast.max.no.heartbeat.seconds=10 -Dhazelcast.merge.first.run.delay.seconds=10"
                    + " -Dhazelcast.merge.next.run.delay.seconds=5");
        }
        List<BrokerProcess> brokers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path data = dir.resolve("h" + (i + 1));
            Files.createDirectories(data);
            brokers.add(new BrokerProcess(repository, "h" + (i + 1), hosts.get(i),
                    namespaces ? NetworkLab.namespace(i + 1) : null, 5821 + i, 5921 + i, 8091 + i, data, cluster));
        }
        return brokers;
    }

    private static void report(String label, History.Verdict verdict) {
        System.out.printf("%s:%n", label);
        System.out.printf("send attempts:            %d (%d failed and were retried)%n", verdict.attempted(),
                verdict.failedAttempts());
        System.out.printf("acknowledged:             %d%n", verdict.acknowledged());
        System.out.printf("consumed:                 %d deliveries, %d distinct, %d duplicates%n",
                verdict.consumed(), verdict.distinctConsumed(), verdict.duplicates());
        System.out.printf("lost (acknowledged, never consumed): %d %s%n", verdict.lost().size(),
                verdict.lost().size() > 20 ? verdict.lost().subList(0, 20) + "..." : verdict.lost());
        System.out.printf("order violations:         %d %s%n", verdict.orderViolations().size(),
                verdict.orderViolations());
        System.out.printf("offsets reused:           %d %s%n", verdict.reusedOffsets().size(),
                verdict.reusedOffsets());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
