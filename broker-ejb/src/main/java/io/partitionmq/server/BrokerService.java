package io.partitionmq.server;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.BrokerConfig;
import io.partitionmq.access.AccessPolicy;
import io.partitionmq.access.Users;
import io.partitionmq.cluster.LocalBroker;
import io.partitionmq.remote.Gateway;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import io.partitionmq.log.TopicConfig;
import io.partitionmq.store.FlushPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** Starts this server's broker from MicroProfile Config when the application deploys, and stops it with it. */
@Singleton
@Startup
public class BrokerService {
    @Inject
    Config config;

    @PostConstruct
    void start() {
        Broker broker = LocalBroker.start(brokerConfig());
        broker.authenticateWith(Users.parse(config.getOptionalValue("partitionmq.users", String.class).orElse("")));
        broker.authorizeWith(AccessPolicy.parse(
                config.getOptionalValue(AccessPolicy.ROLES_KEY, String.class).orElse(""),
                config.getOptionalValue(AccessPolicy.GRANTS_KEY, String.class).orElse("")));
        // Opened once the broker knows its users: the first client may call at once.
        Gateway.open(broker, config.getOptionalValue("partitionmq.client.host", String.class)
                .orElse(broker.config().host()), config.getValue("partitionmq.client.port", Integer.class));
    }

    @PreDestroy
    void stop() {
        LocalBroker.stop();
    }

    BrokerConfig brokerConfig() {
        return new BrokerConfig(
                config.getOptionalValue("partitionmq.broker.id", String.class).orElse(""),
                config.getValue("partitionmq.cluster.name", String.class),
                config.getValue("partitionmq.cluster.host", String.class),
                config.getValue("partitionmq.cluster.port", Integer.class),
                Arrays.asList(config.getValue("partitionmq.cluster.members", String[].class)),
                config.getValue("partitionmq.replication.backup-count", Integer.class),
                config.getValue("partitionmq.topic.default-partitions", Integer.class),
                topicDefaults(),
                Duration.ofMillis(config.getValue("partitionmq.log.retention.check.interval.ms", Long.class)),
                Duration.ofMillis(config.getValue("partitionmq.group.offsets.retention.ms", Long.class)),
                FlushPolicy.parse(config.getValue("partitionmq.store.flush", String.class)),
                Duration.ofMillis(config.getValue("partitionmq.store.flush.interval.ms", Long.class)),
                Path.of(config.getValue("partitionmq.data.dir", String.class)).toAbsolutePath(),
                config.getValue("partitionmq.log.held.bytes.per.replica", Long.class),
                config.getValue("partitionmq.cluster.min-size", Integer.class));
    }

    /** Topic settings for topics created without them: partitionmq.log.KEY for each Kafka-named topic key. */
    private TopicConfig topicDefaults() {
        Map<String, String> defaults = new HashMap<>();
        for (String key : TopicConfig.KEYS) {
            defaults.put(key, config.getValue("partitionmq.log." + key, String.class));
        }
        return TopicConfig.KAFKA_DEFAULTS.with(defaults);
    }

    /** The running broker; an admin request during startup or shutdown gets a clear refusal. */
    public static Broker running() {
        return LocalBroker.get().orElseThrow(() -> new BrokerUnavailableException("the broker is not running"));
    }
}
