package io.partitionmq.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One broker as a user runs it: {@code bin/partitionmq-broker} (Payara Micro with the broker deployed) with its own
 * id, ports and data directory, its output in a log file. Killing it sends SIGKILL to the Java process.
 */
final class BrokerProcess {
    private final Path repository;
    private final String id;
    private final String host;
    private final String namespace;
    private final int clusterPort;
    private final int clientPort;
    private final int httpPort;
    private final Path dataDir;
    private final Map<String, String> clusterEnvironment;
    private Process script;

    /**
     * @param host      the address the broker's cluster and client ports listen on
     * @param namespace the network namespace it runs in ({@link NetworkLab}), or null for this machine's own
     */
    BrokerProcess(Path repository, String id, String host, String namespace, int clusterPort, int clientPort,
            int httpPort, Path dataDir, Map<String, String> clusterEnvironment) {
        this.repository = repository;
        this.id = id;
        this.host = host;
        this.namespace = namespace;
        this.clusterPort = clusterPort;
        this.clientPort = clientPort;
        this.httpPort = httpPort;
        this.dataDir = dataDir;
        this.clusterEnvironment = Map.copyOf(clusterEnvironment);
    }

    String id() {
        return id;
    }

    /** Where clients connect: its client port. */
    String address() {
        return host + ":" + clientPort;
    }

    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(inNamespace("bash", repository.resolve("bin/partitionmq-broker")
                .toString())).directory(repository.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(id + ".log").toFile()));
        builder.environment().putAll(clusterEnvironment);
        builder.environment().put("PARTITIONMQ_NO_BUILD", "1");
        builder.environment().put("PARTITIONMQ_BROKER_ID", id);
        builder.environment().put("PARTITIONMQ_CLUSTER_HOST", host);
        builder.environment().put("PARTITIONMQ_CLUSTER_PORT", Integer.toString(clusterPort));
        builder.environment().put("PARTITIONMQ_CLIENT_PORT", Integer.toString(clientPort));
        builder.environment().put("PARTITIONMQ_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("PARTITIONMQ_DATA_DIR", dataDir.toString());
        script = builder.start();
    }

    /**
     * Waits until the broker's own readiness check is up. The console listens on loopback, so the check runs
     * inside the broker's namespace, if it has one.
     */
    void awaitReady(Duration timeout) throws InterruptedException, IOException {
        List<String> check = inNamespace("curl", "-sf", "--max-time", "5",
                "http://127.0.0.1:" + httpPort + "/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!script.isAlive()) {
                throw new IllegalStateException("broker " + id + " exited before it was ready; see its log");
            }
            Process curl = new ProcessBuilder(check).redirectErrorStream(true).start();
            String answer = new String(curl.getInputStream().readAllBytes());
            if (curl.waitFor() == 0 && answer.contains("partitionmq-broker")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("broker " + id + " was not ready within " + timeout);
    }

    private List<String> inNamespace(String... command) {
        List<String> full = new ArrayList<>();
        if (namespace != null) {
            full.addAll(List.of("ip", "netns", "exec", namespace));
        }
        full.addAll(List.of(command));
        return full;
    }

    /**
     * Stops the broker as an operator does: SIGTERM to its JVM, whose shutdown closes the broker (Hazelcast moves
     * its partitions to the others first); waits up to {@code timeout}, then kills what is left.
     */
    void stop(Duration timeout) {
        if (script != null) {
            List<ProcessHandle> processes = script.descendants().toList();
            processes.forEach(ProcessHandle::destroy);
            for (ProcessHandle process : processes) {
                try {
                    process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    System.out.printf("broker %s did not stop within %s; killing it%n", id, timeout);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            kill();
        }
    }

    /** SIGKILL to the broker's JVM (and the script around it): no shutdown hook, no flush. */
    void kill() {
        if (script != null) {
            List<ProcessHandle> processes = script.descendants().toList();
            processes.forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
            processes.forEach(process -> process.onExit().join());
            script.onExit().join();
            script = null;
        }
    }
}
