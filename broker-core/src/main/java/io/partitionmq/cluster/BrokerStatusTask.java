package io.partitionmq.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.partitionmq.log.PartitionLogs;
import io.partitionmq.log.TrafficMeter;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Runs on a broker and reports its {@link BrokerStatus}. */
final class BrokerStatusTask implements Callable<BrokerStatus>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    private transient HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.member = hazelcast;
    }

    @Override
    public BrokerStatus call() {
        Member local = member.getCluster().getLocalMember();
        var logs = member.getMap(PartitionLogs.LOG_MAP);
        Runtime runtime = Runtime.getRuntime();
        Object started = member.getUserContext().get(Broker.STARTED_AT_KEY);
        Object dataDir = member.getUserContext().get(Broker.DATA_DIR_KEY);
        TrafficMeter.Traffic traffic = member.getUserContext().get(TrafficMeter.CONTEXT_KEY) instanceof TrafficMeter
                meter ? meter.total() : new TrafficMeter.Traffic(0, 0, 0, 0);
        return new BrokerStatus(local.getAttribute(Broker.BROKER_ID_ATTRIBUTE),
                local.getAddress().getHost() + ":" + local.getAddress().getPort(),
                started instanceof Long at ? at : 0, logs.localKeySet().size(),
                (int) logs.getLocalMapStats().getBackupEntryCount(), runtime.totalMemory() - runtime.freeMemory(),
                runtime.maxMemory(), dataDir instanceof Path dir ? sizeOf(dir) : 0, traffic.recordsIn(),
                traffic.recordsOut());
    }

    private static long sizeOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // removed while counting (a segment deleted by retention)
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
    }
}
