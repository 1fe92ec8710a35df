package io.partitionmq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.partitionmq.cluster.Broker;
import io.partitionmq.cluster.TestBrokers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records survive the abrupt loss of the member that led their partition; offsets are never reused. */
class FailoverTest {
    @TempDir
    Path data;

    @Test
    void recordsSurviveTerminationOfTheirLeaderWithoutGapsOrReusedOffsets() {
        try (TestBrokers brokers = TestBrokers.start(2, data)) {
            Broker first = brokers.get(0);
            Broker second = brokers.get(1);
            PartitionLogs logs = second.connect().logs();
            // Small segments, so the leader's roll decisions must be replayed on the backups too.
            TopicMetadata payments = logs.createTopic("payments", 4, Map.of(TopicConfig.SEGMENT_BYTES, "300"));

            int batches = 30;
            for (int p = 0; p < 4; p++) {
                for (int b = 0; b < batches; b++) {
                    logs.append(payments, p, List.of(value(p + ":" + b + ":a"), value(p + ":" + b + ":b")));
                }
            }

            List<PartitionSummary> before = logs.describe(payments).partitionSummaries();

            // Terminate the leader of partition 0; the survivor must serve it from its backup.
            Broker leader = brokers.leaderOf("payments", 0);
            Broker survivor = leader == first ? second : first;
            leader.hazelcast().getLifecycleService().terminate();
            PartitionLogs surviving = survivor.connect().logs();

            for (int p = 0; p < 4; p++) {
                FetchResult all = surviving.fetch("payments", p, 0, 10_000);
                assertEquals(batches * 2, all.records().size(), "records of partition " + p);
                List<String> expected = new ArrayList<>();
                for (int b = 0; b < batches; b++) {
                    expected.add(p + ":" + b + ":a");
                    expected.add(p + ":" + b + ":b");
                }
                assertEquals(expected, PartitionLogsTest.values(all));
                for (int i = 0; i < all.records().size(); i++) {
                    assertEquals(i, all.records().get(i).offset());
                }
                assertEquals(before.get(p), surviving.summary("payments", p), "same segments on the backup");
                AppendResult next = surviving.append(payments, p, List.of(value("after")));
                assertEquals(batches * 2, next.baseOffset(), "the offset after failover continues the log");
            }
        }
    }

    private static ProducerRecord value(String text) {
        return new ProducerRecord(null, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }
}
