package io.partitionmq.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One broker as a user runs it: {@code bin/partitionmq-broker} (Payara Micro with the broker deployed) with its own
 * id, ports and data directory, its output in a log file. Killing it sends SIGKILL to the Java process.
 */
final class BrokerProcess {
    private final Path repository;
    private final String id;
    private final int clusterPort;
    private final int httpPort;
    private final Path dataDir;
    private final Map<String, String> clusterEnvironment;
    private Process script;

    BrokerProcess(Path repository, String id, int clusterPort, int httpPort, Path dataDir,
            Map<String, String> clusterEnvironment) {
        this.repository = repository;
        this.id = id;
        this.clusterPort = clusterPort;
        this.httpPort = httpPort;
        this.dataDir = dataDir;
        this.clusterEnvironment = Map.copyOf(clusterEnvironment);
    }

    String id() {
        return id;
    }

    String address() {
        return "127.0.0.1:" + clusterPort;
    }

    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", repository.resolve("bin/partitionmq-broker")
                .toString())).directory(repository.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(id + ".log").toFile()));
        builder.environment().putAll(clusterEnvironment);
        builder.environment().put("PARTITIONMQ_NO_BUILD", "1");
        builder.environment().put("PARTITIONMQ_BROKER_ID", id);
        builder.environment().put("PARTITIONMQ_CLUSTER_PORT", Integer.toString(clusterPort));
        builder.environment().put("PARTITIONMQ_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("PARTITIONMQ_DATA_DIR", dataDir.toString());
        script = builder.start();
    }

    /** Waits until the broker's own readiness check is up. */
    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!script.isAlive()) {
                throw new IllegalStateException("broker " + id + " exited before it was ready; see its log");
            }
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("partitionmq-broker")) {
                    return;
                }
            } catch (IOException notYet) {
                // Payara Micro is still starting.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("broker " + id + " was not ready within " + timeout);
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
