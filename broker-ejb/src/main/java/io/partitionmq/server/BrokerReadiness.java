package io.partitionmq.server;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.ClusterHealth;
import io.partitionmq.cluster.LocalBroker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when this server's broker runs, has joined its cluster, is not on the small side of a split and every
 * partition has an owner; the data says how many members there are and whether the replicas are in sync (a broker
 * serves while they are not).
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        Optional<Broker> broker = LocalBroker.get();
        if (broker.isEmpty() || !broker.get().isRunning()) {
            return HealthCheckResponse.named("partitionmq-broker").down().build();
        }
        ClusterHealth health = broker.get().health();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("partitionmq-broker")
                .status(health.isServing())
                .withData("brokerId", broker.get().id())
                .withData("clusterMembers", health.members())
                .withData("partitionsWithoutOwner", health.partitionsWithoutOwner())
                .withData("belowMinimumSize", health.belowMinimumSize())
                .withData("replicasInSync", health.replicasInSync())
                .withData("logPartitionsLed", health.logPartitionsLed())
                .withData("logPartitionsUnderReplicated", health.logPartitionsUnderReplicated());
        return response.build();
    }
}
