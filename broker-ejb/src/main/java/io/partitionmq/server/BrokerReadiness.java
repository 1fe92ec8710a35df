package io.partitionmq.server;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.LocalBroker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when this server's broker runs and has joined its cluster. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        Optional<Broker> broker = LocalBroker.get();
        if (broker.isEmpty()) {
            return HealthCheckResponse.named("partitionmq-broker").down().build();
        }
        return HealthCheckResponse.named("partitionmq-broker").up()
                .withData("brokerId", broker.get().id())
                .withData("clusterMembers", broker.get().hazelcast().getCluster().getMembers().size())
                .build();
    }
}
