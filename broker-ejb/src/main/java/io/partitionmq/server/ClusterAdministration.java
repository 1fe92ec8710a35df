package io.partitionmq.server;

import io.partitionmq.cluster.BrokerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The cluster's brokers for the admin API. */
@ApplicationScoped
public class ClusterAdministration {
    /** Every broker's status, by id. */
    public List<BrokerStatus> brokers() {
        return BrokerService.running().connect().brokers().describe();
    }

    /** The id of the broker serving this request. */
    public String localBrokerId() {
        return BrokerService.running().id();
    }
}
