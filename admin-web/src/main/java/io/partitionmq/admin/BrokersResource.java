package io.partitionmq.admin;

import io.partitionmq.cluster.BrokerStatus;
import io.partitionmq.server.ClusterAdministration;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The cluster's brokers: ids, addresses, uptime, partitions led and backed up, memory and disk, records in and out
 * since each started.
 */
@Path("brokers")
@Produces(MediaType.APPLICATION_JSON)
public class BrokersResource {
    @Inject
    ClusterAdministration cluster;

    /** A broker as the API shows it; {@code local} marks the one that answered. */
    public record BrokerView(String id, String address, boolean local, long startedAt, long uptimeMillis,
                             int ledPartitions, int backupPartitions, long heapUsedBytes, long heapMaxBytes,
                             long diskBytes, long recordsIn, long recordsOut) {
        static BrokerView of(BrokerStatus status, String localId, long now) {
            return new BrokerView(status.id(), status.address(), status.id().equals(localId), status.startedAt(),
                    now - status.startedAt(), status.ledPartitions(), status.backupPartitions(),
                    status.heapUsedBytes(), status.heapMaxBytes(), status.diskBytes(), status.recordsIn(),
                    status.recordsOut());
        }
    }

    @GET
    public List<BrokerView> list() {
        long now = System.currentTimeMillis();
        String local = cluster.localBrokerId();
        return cluster.brokers().stream().map(status -> BrokerView.of(status, local, now)).toList();
    }
}
