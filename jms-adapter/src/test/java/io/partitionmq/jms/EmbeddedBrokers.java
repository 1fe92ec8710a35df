package io.partitionmq.jms;

import io.partitionmq.cluster.TestBrokers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Brokers for one test class, reached as a Java SE client would reach them: started before its first test,
 * stopped (and their data deleted) after its last. Register with {@code @RegisterExtension static}.
 */
final class EmbeddedBrokers implements BeforeAllCallback, AfterAllCallback {
    private final int count;
    private Path data;
    private TestBrokers brokers;
    private PartitionMQConnectionFactory factory;

    EmbeddedBrokers(int count) {
        this.count = count;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("partitionmq-test");
        brokers = TestBrokers.start(count, data);
        factory = new PartitionMQConnectionFactory(brokers.clientAddressList());
        factory.setClusterName(brokers.get(0).config().clusterName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        brokers.close();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    TestBrokers brokers() {
        return brokers;
    }

    /** A factory for these brokers; tests may change its settings. */
    PartitionMQConnectionFactory factory() {
        return factory;
    }
}
